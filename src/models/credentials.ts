// What each kind of model needs from the environment, checked once at start so a missing key
// fails in one line before any work is done. Key values never leave this module except into
// the provider that sends them.
import { parseModelSpec, type ModelRole } from './spec.js';

export type ModelEnv = Record<string, string | undefined>;

export class MissingCredentialError extends Error {
  override name = 'MissingCredentialError';
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
  }
}

export const OPENROUTER_KEY_VARS = ['OPENROUTER_API_KEY', 'OPENROUTER_KEY'] as const;

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value.trim() : undefined;
}

export function openRouterApiKey(env: ModelEnv): string | undefined {
  return nonEmpty(env.OPENROUTER_API_KEY) ?? nonEmpty(env.OPENROUTER_KEY);
}

export function openRouterBaseUrl(env: ModelEnv, endpoint?: string): string | undefined {
  return nonEmpty(endpoint) ?? nonEmpty(env.OPENROUTER_BASE_URL);
}

export function openAICompatibleBaseUrl(env: ModelEnv, endpoint?: string): string | undefined {
  return nonEmpty(endpoint) ?? nonEmpty(env.OPENAI_COMPATIBLE_BASE_URL);
}

export function openAICompatibleApiKey(env: ModelEnv): string | undefined {
  return nonEmpty(env.OPENAI_COMPATIBLE_API_KEY);
}

/** Throws MissingCredentialError (one line, naming the variable) when `spec` cannot be called. */
export function checkModelCredentials(
  spec: string,
  env: ModelEnv,
  options: { role?: ModelRole; endpoint?: string } = {},
): void {
  const parsed = parseModelSpec(spec);
  const flag = `--model-${options.role ?? 'a'}`;
  if (parsed.kind === 'openrouter' && openRouterApiKey(env) === undefined) {
    throw new MissingCredentialError(
      'OPENROUTER_API_KEY',
      `OPENROUTER_API_KEY is not set (needed by ${parsed.spec}): export it or use ${flag} script:PATH`,
    );
  }
  if (parsed.kind === 'openai-compatible' && openAICompatibleBaseUrl(env, options.endpoint) === undefined) {
    throw new MissingCredentialError(
      'OPENAI_COMPATIBLE_BASE_URL',
      `OPENAI_COMPATIBLE_BASE_URL is not set (needed by ${parsed.spec}): export it or pass --endpoint-${options.role ?? 'a'} URL`,
    );
  }
}
