// Before a session is created, each remote model's endpoint is asked one cheap question (no
// tokens): OpenRouter's GET /key, which also checks the key, or GET /models elsewhere. An
// endpoint that cannot be reached, or a key it refuses, is then a setup error with nothing made.

import { timeoutSignal } from '../timeout-signal.js';

export class EndpointError extends Error {
  override name = 'EndpointError';
}

export const PREFLIGHT_TIMEOUT_MS = 15_000;

export interface PreflightTarget {
  spec: string;
  url: string;
  /** Sent with the probe; never printed. */
  headers: Record<string, string>;
  /** What to change when the endpoint is wrong: OPENROUTER_BASE_URL, --endpoint-b... */
  urlSource: string;
  keyVariable: string | undefined;
}

export async function probeEndpoint(target: PreflightTarget, timeoutMs = PREFLIGHT_TIMEOUT_MS): Promise<void> {
  const origin = new URL(target.url).origin;
  let status: number;
  const deadline = timeoutSignal(timeoutMs);
  try {
    const response = await fetch(target.url, { headers: target.headers, signal: deadline.signal });
    status = response.status;
    await response.body?.cancel();
  } catch (err) {
    const cause = err instanceof Error ? ((err.cause as { code?: string } | undefined)?.code ?? err.name) : String(err);
    throw new EndpointError(`cannot reach ${origin} for ${target.spec} (${cause}): check the network or ${target.urlSource}`);
  } finally {
    deadline.clear();
  }
  if (status === 401 || status === 403) {
    throw new EndpointError(
      `${origin} refused the key for ${target.spec} (HTTP ${status}): check ${target.keyVariable ?? 'the API key'}`,
    );
  }
}
