// What went wrong with a model call, in the terms the orchestrator acts on.
import { APICallError, RetryError } from 'ai';

export type ModelErrorKind = 'auth' | 'rate_limit' | 'server' | 'timeout' | 'aborted' | 'bad_request' | 'other';

function lastError(err: unknown): unknown {
  // generateText wraps retried failures in a RetryError; what matters is the last one.
  return RetryError.isInstance(err) ? lastError(err.lastError) : err;
}

function errorName(err: unknown): string | undefined {
  return err !== null && typeof err === 'object' && typeof (err as { name?: unknown }).name === 'string'
    ? (err as { name: string }).name
    : undefined;
}

/** The HTTP status, or for an error payload inside a 200 reply, the code that payload carries. */
export function effectiveStatus(err: APICallError): number | undefined {
  const code = (err.data as { code?: unknown } | undefined)?.code;
  if (err.statusCode === 200 && typeof code === 'number' && code >= 400 && code <= 599) return code;
  if (err.statusCode === 200 && typeof code === 'string' && /^[45]\d\d$/.test(code)) return Number(code);
  return err.statusCode;
}

/**
 * - `auth`: 401/403, and 402 (the account behind the key cannot pay): stop the session.
 * - `rate_limit` (429) and `server` (5xx, unreachable, malformed reply): the SDK already retried
 *   them `maxRetries` times (a malformed 200 too; see guard.ts).
 * - `timeout`: a TimeoutError abort (our call timeout or AbortSignal.timeout) or HTTP 408.
 * - `aborted`: the caller's signal (Ctrl-C).
 * - `bad_request`: another 4xx: our request is wrong, retrying will not help.
 */
export function classifyModelError(err: unknown): ModelErrorKind {
  const e = lastError(err);
  const name = errorName(e);
  if (name === 'TimeoutError') return 'timeout';
  if (name === 'AbortError' || name === 'ResponseAborted') return 'aborted';
  if (APICallError.isInstance(e)) {
    const status = effectiveStatus(e);
    if (status === undefined) return 'server'; // could not connect, connection reset
    if (status === 401 || status === 402 || status === 403) return 'auth';
    if (status === 429) return 'rate_limit';
    if (status === 408) return 'timeout';
    if (status >= 500 || status < 400) return 'server'; // < 400: an error payload or unparsable body in a 200
    return 'bad_request';
  }
  if (name === 'AI_JSONParseError' || name === 'AI_TypeValidationError' || name === 'AI_EmptyResponseBodyError') {
    return 'server';
  }
  return 'other';
}

/** One line for people and the DB: kind, HTTP status when there is one, and the first line of the message. */
export function describeModelError(err: unknown): string {
  const e = lastError(err);
  const kind = classifyModelError(err);
  const code = APICallError.isInstance(e) ? effectiveStatus(e) : undefined;
  const status = code !== undefined ? ` HTTP ${code}` : '';
  const message = e instanceof Error ? e.message : String(e);
  const attempts = RetryError.isInstance(err) ? ` (after ${err.errors.length} attempts)` : '';
  const firstLine = (message.split('\n')[0] ?? '').slice(0, 300);
  return `${kind}${status}: ${firstLine}${attempts}`;
}
