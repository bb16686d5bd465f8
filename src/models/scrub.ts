// Keys must never reach a log line, an error message or the session DB. Provider errors can echo
// request details, so every error leaving a model passes through here first.

const REDACTED = '[redacted]';
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/g;

export function scrubText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out.replace(BEARER, `$1${REDACTED}`);
}

function scrubValue(value: unknown, secrets: readonly string[], seen: Set<object>): unknown {
  if (typeof value === 'string') return scrubText(value, secrets);
  if (value instanceof Error) return scrubError(value, secrets, seen);
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, secrets, seen));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    if (seen.has(value)) return value;
    seen.add(value);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(v, secrets, seen)]));
  }
  return value;
}

/**
 * Redacts the secrets (and any bearer token) in an error's message, stack, response body, data
 * causes and aggregated errors, in place: the error keeps its class and markers, so the SDK's retry logic and
 * `APICallError.isInstance` still work on it.
 */
export function scrubError<T>(err: T, secrets: readonly string[], seen: Set<object> = new Set()): T {
  if (!(err instanceof Error) || seen.has(err)) return err;
  seen.add(err);
  const record = err as unknown as Record<string, unknown>;
  // cause and AggregateError's errors are not enumerable on native errors (fetch failures carry both).
  for (const key of new Set(['message', 'stack', ...Object.keys(err), 'cause', 'errors'])) {
    const value = record[key];
    if (value === undefined || value === null || typeof value === 'function') continue;
    const scrubbed = scrubValue(value, secrets, seen);
    if (scrubbed !== value) {
      try {
        record[key] = scrubbed;
      } catch {
        // a read-only property: leave it
      }
    }
  }
  return err;
}
