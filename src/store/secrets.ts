// Defence in depth: nothing in the store is meant to hold secrets, but the options JSON is built
// from user input, so anything that looks like one is dropped before it is written.

const SECRET_NAME = /key|token|secret|password|passwd|credential|authorization/i;
/** Values shaped like provider API keys or bearer headers, whatever their key is called. */
const SECRET_VALUE = /^(bearer\s+\S+|sk-[A-Za-z0-9_-]{16,}|(sk|pk|rk)_(live|test)_[A-Za-z0-9]{16,})$/i;

export interface SanitizedOptions {
  options: Record<string, unknown>;
  /** Dotted paths of what was removed or redacted, for a warning. */
  dropped: string[];
}

/**
 * Drops keys whose name looks like a secret (at any depth), values that look like API keys, and
 * the user:password part and the query of URLs.
 */
export function sanitizeOptions(options: Record<string, unknown>): SanitizedOptions {
  const dropped: string[] = [];
  const clean = (value: unknown, path: string): unknown => {
    if (typeof value === 'string') return cleanString(value, path);
    if (Array.isArray(value)) return value.map((v, i) => clean(v, `${path}[${i}]`)).filter((v) => v !== DROP);
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const p = path ? `${path}.${k}` : k;
        if (SECRET_NAME.test(k)) {
          dropped.push(p);
          continue;
        }
        const c = clean(v, p);
        if (c !== DROP && c !== undefined) out[k] = c;
      }
      return out;
    }
    return value;
  };
  const cleanString = (s: string, path: string): unknown => {
    if (SECRET_VALUE.test(s.trim())) {
      dropped.push(path);
      return DROP;
    }
    const stripped = stripUrlCredentials(s);
    if (stripped !== s) dropped.push(`${path} (credentials in URL)`);
    return stripped;
  };
  return { options: clean(options, '') as Record<string, unknown>, dropped };
}

const DROP = Symbol('drop');

/** A URL's user:password and its query (where keys travel: `?key=`, `?api_key=`) are dropped. */
function stripUrlCredentials(s: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\/\S*$/i.test(s)) return s;
  try {
    const url = new URL(s);
    if (!url.username && !url.password && !url.search) return s;
    url.username = '';
    url.password = '';
    url.search = '';
    return url.toString();
  } catch {
    return s;
  }
}
