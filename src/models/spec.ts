// A model spec string (`--model-a`, `--model-b`) parsed into what the registry needs.

export const DEFAULT_MODEL_A = 'openrouter/anthropic/claude-sonnet-4.5';
export const DEFAULT_MODEL_B = 'openrouter/openai/gpt-5-codex';

export type ModelRole = 'a' | 'b';

export type ParsedModelSpec =
  | { kind: 'openrouter'; spec: string; modelId: string }
  | { kind: 'openai-compatible'; spec: string; modelId: string }
  | { kind: 'script'; spec: string; path: string }
  | { kind: 'builtin'; spec: 'builtin' };

/** The deterministic, offline migrator: no key, no network, no cost. */
export const BUILTIN_MODEL = 'builtin';

/** The built-in migrator's tool calls per attempt, whatever --max-tools says (it costs nothing). */
export const BUILTIN_TOOL_CAP = 2_000;

export const MODEL_SPEC_FORMS = [
  'openrouter/<vendor>/<model> (e.g. openrouter/anthropic/claude-sonnet-4.5)',
  'openai-compatible/<model> (with OPENAI_COMPATIBLE_BASE_URL or --endpoint-a/--endpoint-b)',
  'script:<path> (a JSON file of scripted replies)',
  'builtin (the built-in migrator: no key, no network)',
] as const;

export class ModelSpecError extends Error {
  override name = 'ModelSpecError';
}

export function parseModelSpec(spec: string): ParsedModelSpec {
  const trimmed = spec.trim();
  if (trimmed.startsWith('openrouter/')) {
    const modelId = trimmed.slice('openrouter/'.length);
    const parts = modelId.split('/');
    if (parts.length < 2 || parts.some((p) => p === '')) {
      throw new ModelSpecError(`bad model "${spec}": expected openrouter/<vendor>/<model>, e.g. ${DEFAULT_MODEL_A}`);
    }
    return { kind: 'openrouter', spec: trimmed, modelId };
  }
  if (trimmed.startsWith('openai-compatible/')) {
    const modelId = trimmed.slice('openai-compatible/'.length);
    if (modelId === '') {
      throw new ModelSpecError(`bad model "${spec}": expected openai-compatible/<model>, e.g. openai-compatible/llama3.1:8b`);
    }
    return { kind: 'openai-compatible', spec: trimmed, modelId };
  }
  if (trimmed === BUILTIN_MODEL) return { kind: 'builtin', spec: BUILTIN_MODEL };
  if (trimmed.startsWith('script:')) {
    const path = trimmed.slice('script:'.length);
    if (path === '') throw new ModelSpecError(`bad model "${spec}": expected script:<path to a JSON script>`);
    return { kind: 'script', spec: trimmed, path };
  }
  throw new ModelSpecError(`unknown model "${spec}": use one of ${MODEL_SPEC_FORMS.join('; ')}`);
}

/** A short label for logs and the TUI: the model's own name without vendor or path. */
export function shortModelName(parsed: ParsedModelSpec): string {
  switch (parsed.kind) {
    case 'openrouter':
    case 'openai-compatible':
      return parsed.modelId.split('/').at(-1) ?? parsed.modelId;
    case 'script':
      return `script:${parsed.path.split(/[\\/]/).at(-1) ?? parsed.path}`;
    case 'builtin':
      return BUILTIN_MODEL;
  }
}

/** Display name for a spec string as stored in the session (falls back to the spec itself). */
export function shortNameOf(spec: string): string {
  try {
    return shortModelName(parseModelSpec(spec));
  } catch {
    return spec;
  }
}
