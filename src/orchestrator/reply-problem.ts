import { z } from 'zod';

const PROBLEM_CHARS = 500;

/**
 * What was wrong with a structured reply, for the one retry that tells the model: the schema's own
 * complaint when one is among the error's causes (the SDK wraps it a few levels down under a
 * generic "did not match schema"), else the error's message; capped.
 */
export function replyProblem(err: unknown): string {
  for (let cause: unknown = err; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof z.ZodError) return capReplyText(z.prettifyError(cause).replace(/\s*\n\s*/g, '; '));
  }
  return capReplyText(err instanceof Error ? err.message : String(err));
}

/** A line from a model that goes on record (a problem, a reviewer's reason), capped. */
export function capReplyText(text: string): string {
  return text.length > PROBLEM_CHARS ? `${text.slice(0, PROBLEM_CHARS)}…` : text;
}
