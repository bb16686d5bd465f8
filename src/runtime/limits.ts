import type { SandboxLimits } from './types.js';

/**
 * Defaults for one container. `pids` counts threads, not just processes: Bazel's JVM server
 * alone runs a few hundred, so keep it in the thousands.
 */
export const DEFAULT_LIMITS: SandboxLimits = {
  memoryBytes: 8 * 1024 ** 3,
  nanoCpus: 2 * 1e9,
  pids: 4096,
};

/** The CLI speaks in CPUs (`--cpus 1.5`); Docker in billionths of a CPU. */
export function sandboxLimits(flags: { memoryBytes: number; cpus: number; pids: number }): SandboxLimits {
  return {
    memoryBytes: flags.memoryBytes,
    nanoCpus: Math.round(flags.cpus * 1e9),
    pids: flags.pids,
  };
}
