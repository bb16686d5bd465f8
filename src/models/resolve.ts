// The model registry: a spec string becomes a model generateText accepts, with its cost reader.
import { resolve as resolvePath } from 'node:path';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { createOpenRouter } from '@openrouter/ai-sdk-provider';
import { classifyModelError, describeModelError } from './classify-error.js';
import { openRouterCost, rawUsageCost, scriptCost, type CostSource } from './cost.js';
import {
  checkModelCredentials,
  openAICompatibleApiKey,
  openAICompatibleBaseUrl,
  openRouterApiKey,
  openRouterBaseUrl,
  type ModelEnv,
} from './credentials.js';
import { endpointFetch, endpointHeaders, endpointUrl, parseEndpoint } from './endpoint.js';
import { BuiltinLanguageModel } from './builtin-model.js';
import { guardModel } from './guard.js';
import { probeEndpoint, type PreflightTarget } from './preflight.js';
import { loadScript } from './script-file.js';
import { ScriptedLanguageModel } from './script-model.js';
import { scrubText } from './scrub.js';
import { ModelSpecError, parseModelSpec, shortModelName, type ModelRole, type ParsedModelSpec } from './spec.js';

/** Retries of 429 / 5xx / network errors inside one model call (the SDK's exponential backoff). */
export const DEFAULT_MODEL_MAX_RETRIES = 3;
/** A model call with no reply (no chunk, when streaming) for this long is aborted. */
export const DEFAULT_MODEL_CALL_TIMEOUT_MS = 120_000;

export interface ResolveModelOptions {
  role: ModelRole;
  env: ModelEnv;
  /** `--endpoint-a` / `--endpoint-b`: base URL for openai-compatible (or openrouter) models. */
  endpoint?: string;
  /** Directory `script:` paths are relative to; default process.cwd(). */
  cwd?: string;
  callTimeoutMs?: number;
  maxRetries?: number;
  /** Script models: index of the first step to play (resume). */
  startAt?: number;
}

export interface ResolvedModel {
  spec: string;
  kind: ParsedModelSpec['kind'];
  role: ModelRole;
  shortName: string;
  /** Pass to generateText as `model`. */
  model: LanguageModelV3;
  /** Pass to generateText as `maxRetries`. */
  maxRetries: number;
  /** USD cost of one step (a StepResult, or anything with its providerMetadata and usage). */
  costOf(step: CostSource): number;
  /** The environment variable holding this model's key, if it has one. */
  keyVariable: string | undefined;
  /** One scrubbed line for people and the DB; names the key variable on an auth failure. */
  describeError(err: unknown): string;
  /** Script models only: the replaying model (its `position` is the next step index). */
  script: ScriptedLanguageModel | undefined;
  /** Checks that the endpoint answers and accepts the key (no tokens spent); a no-op for scripts. */
  preflight(timeoutMs?: number): Promise<void>;
}

const OPENROUTER_DEFAULT_BASE_URL = 'https://openrouter.ai/api/v1';

/** Script and builtin models are free: no cost cap applies to them. */
export function costsNothing(model: Pick<ResolvedModel, 'kind'>): boolean {
  return model.kind === 'script' || model.kind === 'builtin';
}

export function resolveModel(spec: string, options: ResolveModelOptions): ResolvedModel {
  const { role, env, endpoint } = options;
  const parsed = parseModelSpec(spec);
  checkModelCredentials(spec, env, { role, endpoint });
  const endpointSource = endpoint !== undefined ? `--endpoint-${role}` : undefined;
  const callTimeoutMs = options.callTimeoutMs ?? DEFAULT_MODEL_CALL_TIMEOUT_MS;

  let inner: LanguageModelV3;
  let secrets: string[] = [];
  let keyVariable: string | undefined;
  let costOf: (step: CostSource) => number;
  let script: ScriptedLanguageModel | undefined;
  let probe: PreflightTarget | undefined;

  switch (parsed.kind) {
    case 'openrouter': {
      const apiKey = openRouterApiKey(env)!;
      const baseURL = openRouterBaseUrl(env, endpoint);
      keyVariable = env.OPENROUTER_API_KEY?.trim() ? 'OPENROUTER_API_KEY' : 'OPENROUTER_KEY';
      secrets = [apiKey];
      const target = parseEndpoint(baseURL ?? OPENROUTER_DEFAULT_BASE_URL, endpointSource ?? 'OPENROUTER_BASE_URL');
      secrets.push(...target.secrets);
      probe = {
        spec: parsed.spec,
        url: endpointUrl(target, '/key'),
        headers: { authorization: `Bearer ${apiKey}` },
        urlSource: endpointSource ?? 'OPENROUTER_BASE_URL',
        keyVariable,
      };
      const provider = createOpenRouter({
        apiKey,
        baseURL: baseURL === undefined ? undefined : target.base,
        fetch: endpointFetch(target, true),
        compatibility: 'strict',
        appName: 'shots-on-goal',
      });
      // usage.include asks OpenRouter for usage accounting, which carries the cost of the call.
      inner = provider.chat(parsed.modelId, { usage: { include: true } });
      costOf = openRouterCost;
      break;
    }
    case 'openai-compatible': {
      const apiKey = openAICompatibleApiKey(env);
      const target = parseEndpoint(openAICompatibleBaseUrl(env, endpoint)!, endpointSource ?? 'OPENAI_COMPATIBLE_BASE_URL');
      keyVariable = 'OPENAI_COMPATIBLE_API_KEY';
      secrets = [...(apiKey === undefined ? [] : [apiKey]), ...target.secrets];
      probe = {
        spec: parsed.spec,
        url: endpointUrl(target, '/models'),
        headers: apiKey === undefined ? endpointHeaders(target, false) : { authorization: `Bearer ${apiKey}` },
        urlSource: endpointSource ?? 'OPENAI_COMPATIBLE_BASE_URL',
        keyVariable,
      };
      const provider = createOpenAICompatible({
        name: 'openai-compatible',
        baseURL: target.base,
        apiKey,
        includeUsage: true,
        fetch: endpointFetch(target, apiKey !== undefined),
      });
      inner = provider.chatModel(parsed.modelId);
      costOf = rawUsageCost;
      break;
    }
    case 'builtin': {
      if (endpoint !== undefined) throw new ModelSpecError(`--endpoint-${role} does not apply to ${parsed.spec}`);
      inner = new BuiltinLanguageModel();
      costOf = () => 0;
      break;
    }
    case 'script': {
      if (endpoint !== undefined) {
        throw new ModelSpecError(`--endpoint-${role} does not apply to ${parsed.spec}`);
      }
      const path = resolvePath(options.cwd ?? process.cwd(), parsed.path);
      script = new ScriptedLanguageModel(path, loadScript(path), { startAt: options.startAt });
      inner = script;
      costOf = scriptCost;
      break;
    }
  }

  return {
    spec: parsed.spec,
    kind: parsed.kind,
    role,
    shortName: shortModelName(parsed),
    model: guardModel(inner, { secrets, callTimeoutMs }),
    maxRetries: options.maxRetries ?? DEFAULT_MODEL_MAX_RETRIES,
    costOf,
    keyVariable,
    preflight: async (timeoutMs) => {
      if (probe) await probeEndpoint(probe, timeoutMs);
    },
    describeError(err: unknown): string {
      const line = `${parsed.spec}: ${describeModelError(err)}`;
      const hint = classifyModelError(err) === 'auth' && keyVariable !== undefined ? ` (check ${keyVariable})` : '';
      return scrubText(line + hint, secrets);
    },
    script,
  };
}
