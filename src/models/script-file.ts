// The `script:<path>` file format: `{"description"?: string, "steps": [STEP, ...]}`; each call of
// the model plays the next STEP (the step counts as used even if the call is then aborted):
//   {"tool_calls": [{"name": "write_file", "input": {...}}], "text"?: "..."}   tool calls (ids call_<step>_<i>)
//     a call may give "raw_input": "<string>" instead of "input" to send malformed arguments
//   {"text": "..."}                 a plain answer (ends a tool loop)
//   {"json": <value>}               a structured reply (sent as JSON text, parsed by Output.object)
//   {"error": "message", "status"?: 429}   the call fails; with a status, as that HTTP error
// and on any step: "delay_ms": N (the abort signal and call timeout apply during it),
// "wait_for_file": PATH (answer only once PATH exists, relative to the script's directory; a test
// holds a state on screen with it until it has seen it),
// "usage": {"input_tokens"?, "output_tokens"?, "cost"?} (reported like a provider's usage).
// Running out of steps fails the call with ScriptExhaustedError.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const usageSchema = z.strictObject({
  input_tokens: z.number().int().nonnegative().optional(),
  output_tokens: z.number().int().nonnegative().optional(),
  cost: z.number().nonnegative().optional(),
});

const toolCallSchema = z
  .strictObject({
    name: z.string().min(1),
    input: z.record(z.string(), z.unknown()).optional(),
    /** Sent to the SDK verbatim instead of `input`: lets a script send malformed arguments. */
    raw_input: z.string().optional(),
  })
  .refine((c) => c.input === undefined || c.raw_input === undefined, {
    message: 'give either input or raw_input, not both',
  });

const KINDS = ['tool_calls', 'text', 'json', 'error'] as const;

const rawStepSchema = z
  .strictObject({
    tool_calls: z.array(toolCallSchema).min(1).optional(),
    text: z.string().optional(),
    json: z.unknown().optional(),
    error: z.string().min(1).optional(),
    /** With `error`: fail like an HTTP API would (429 is retried by the SDK, 401 is not). */
    status: z.number().int().min(400).max(599).optional(),
    delay_ms: z.number().int().nonnegative().optional(),
    wait_for_file: z.string().min(1).optional(),
    usage: usageSchema.optional(),
  })
  .superRefine((step, ctx) => {
    const present = KINDS.filter((k) => k in step);
    const ok =
      present.length === 1 || (present.length === 2 && present.includes('tool_calls') && present.includes('text'));
    if (!ok) {
      ctx.addIssue({
        code: 'custom',
        message:
          present.length === 0
            ? 'a step needs one of "tool_calls", "text", "json" or "error"'
            : `a step is one of "tool_calls" (optionally with "text"), "text", "json" or "error"; got ${present.map((k) => `"${k}"`).join(' and ')}`,
      });
    }
    if (step.status !== undefined && !('error' in step)) {
      ctx.addIssue({ code: 'custom', message: '"status" only goes with "error"' });
    }
  });

export const scriptFileSchema = z.strictObject({
  description: z.string().optional(),
  steps: z.array(rawStepSchema).min(1, 'a script needs at least one step'),
});

export type ScriptFile = z.infer<typeof scriptFileSchema>;
export type ScriptStep = ScriptFile['steps'][number];
export type ScriptUsage = z.infer<typeof usageSchema>;

export class ScriptFileError extends Error {
  override name = 'ScriptFileError';
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`script ${path}: ${detail}`);
  }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const [top, index, ...rest] = issue.path;
  if (top === 'steps' && typeof index === 'number') {
    const where = rest.length > 0 ? ` ${rest.map(String).join('.')}` : '';
    return `step ${index}${where}: ${issue.message}`;
  }
  return issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message;
}

export function parseScript(path: string, text: string): ScriptFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ScriptFileError(path, `not valid JSON (${(err as Error).message})`);
  }
  const result = scriptFileSchema.safeParse(json);
  if (!result.success) {
    const issues = result.error.issues;
    const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
    throw new ScriptFileError(path, issues.slice(0, 3).map(describeIssue).join('; ') + more);
  }
  return result.data;
}

export function loadScript(path: string): ScriptFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ScriptFileError(path, code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? String(err)})`);
  }
  return parseScript(path, text);
}
