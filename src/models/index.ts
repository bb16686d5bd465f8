export { DEFAULT_MODEL_A, DEFAULT_MODEL_B, MODEL_SPEC_FORMS, ModelSpecError, parseModelSpec, shortModelName, shortNameOf } from './spec.js';
export type { ModelRole, ParsedModelSpec } from './spec.js';
export { checkModelCredentials, MissingCredentialError, openRouterApiKey, type ModelEnv } from './credentials.js';
export {
  DEFAULT_MODEL_CALL_TIMEOUT_MS,
  DEFAULT_MODEL_MAX_RETRIES,
  costsNothing,
  resolveModel,
  type ResolveModelOptions,
  type ResolvedModel,
} from './resolve.js';
export { classifyModelError, describeModelError, type ModelErrorKind } from './classify-error.js';
export { modelTimeoutError } from './abort.js';
export { openRouterCost, rawUsageCost, scriptCost, type CostSource } from './cost.js';
export { loadScript, parseScript, ScriptFileError, type ScriptFile, type ScriptStep } from './script-file.js';
export { ScriptedLanguageModel, ScriptExhaustedError, ScriptedModelError } from './script-model.js';
export { scrubError, scrubText } from './scrub.js';
export { EndpointError, probeEndpoint, PREFLIGHT_TIMEOUT_MS } from './preflight.js';
export { callContextOptions, readCallContext, CALL_CONTEXT_KEY, type CallContext } from './call-context.js';
export { BUILTIN_MODEL } from './spec.js';
export { BUILTIN_TOOL_CAP } from './spec.js';
