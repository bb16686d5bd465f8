export * from './types.js';
export { DockerRuntime, CONTAINER_HOME, type DockerRuntimeOptions } from './docker-runtime.js';
export { DockerSandbox } from './docker-sandbox.js';
export { DEFAULT_EXEC_TIMEOUT_MS, GUARD_GRACE_MS, KILL_AFTER_MS, OUTPUT_HEAD_BYTES, OUTPUT_TAIL_BYTES } from './docker-exec.js';
export { DEFAULT_LIMITS, sandboxLimits } from './limits.js';
export { SandboxError } from './errors.js';
export { LABEL_ATTEMPT, LABEL_PURPOSE, LABEL_SESSION, LABEL_SESSIONS_DIR, cacheVolumeName } from './labels.js';
export { liveSandboxIds, removeAllLive } from './live-registry.js';
export {
  EngineUnreachableError,
  listLabelled,
  removeContainer,
  removeVolume,
  type EngineContents,
  type LabelledContainer,
  type LabelledVolume,
} from './leftovers.js';
