// An endpoint URL may carry credentials (`https://user:pass@host/v1`, `...?key=...`). They are
// taken out once: the base URL the providers append paths to has none, and each request gets them
// back (query parameters, a Basic authorization) through the fetch the provider is given. Nothing
// stored or printed holds them, and appending `/models` cannot land inside the query string.
import { ModelSpecError } from './spec.js';

export interface Endpoint {
  /** Scheme, host and path, without credentials, query or trailing slash. */
  base: string;
  query: [string, string][];
  /** Base64 `user:password`, when the URL named a user. */
  basic: string | null;
  /** What error messages must never show. */
  secrets: string[];
}

export function parseEndpoint(raw: string, source: string): Endpoint {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ModelSpecError(`${source} is not a URL (expected e.g. http://localhost:11434/v1)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ModelSpecError(`${source} must be an http(s) URL (got ${url.protocol})`);
  }
  const query = [...url.searchParams];
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  const basic = user || password ? Buffer.from(`${user}:${password}`).toString('base64') : null;
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  const secrets = [password, basic ?? '', ...query.map(([, value]) => value)].filter((s) => s.length >= 4);
  return { base: url.toString().replace(/\/+$/, ''), query, basic, secrets };
}

/** `base` + `path`, with the endpoint's query parameters. */
export function endpointUrl(endpoint: Endpoint, path: string): string {
  return withCredentials(endpoint, `${endpoint.base}${path}`);
}

function withCredentials(endpoint: Endpoint, target: string): string {
  const url = new URL(target);
  for (const [key, value] of endpoint.query) if (!url.searchParams.has(key)) url.searchParams.append(key, value);
  return url.toString();
}

/** Headers a request to the endpoint needs besides the provider's own (Basic auth without a key). */
export function endpointHeaders(endpoint: Endpoint, hasKey: boolean): Record<string, string> {
  return endpoint.basic && !hasKey ? { authorization: `Basic ${endpoint.basic}` } : {};
}

/** The fetch a provider uses for this endpoint; undefined when the URL carried no credentials. */
export function endpointFetch(endpoint: Endpoint, hasKey: boolean): typeof fetch | undefined {
  if (endpoint.query.length === 0 && endpoint.basic === null) return undefined;
  const extra = endpointHeaders(endpoint, hasKey);
  return (input, init) => {
    const target = input instanceof Request ? input.url : String(input);
    const headers = new Headers(init?.headers);
    for (const [k, v] of Object.entries(extra)) if (!headers.has(k)) headers.set(k, v);
    return fetch(withCredentials(endpoint, target), { ...init, headers });
  };
}
