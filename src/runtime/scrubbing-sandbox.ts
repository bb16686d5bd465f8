// A container's output without the user's secrets: a build step can read the --bazelrc files (the
// client in the same container must), so every exec's stdout and stderr loses their header
// values, URL passwords and --bazelrc-env values before any tool, validation or check sees it,
// and so before anything is shown to a model or recorded.
import { scrubText } from '../models/scrub.js';
import type { ExecOptions, ExecResult, Sandbox } from './types.js';

export function scrubbingSandbox(inner: Sandbox, secrets: readonly string[]): Sandbox {
  if (secrets.length === 0) return inner;
  return {
    get id() {
      return inner.id;
    },
    get hostWorkspace() {
      return inner.hostWorkspace;
    },
    async exec(argv: string[], options?: ExecOptions): Promise<ExecResult> {
      const result = await inner.exec(argv, options);
      return { ...result, stdout: scrubText(result.stdout, secrets), stderr: scrubText(result.stderr, secrets) };
    },
    remove: () => inner.remove(),
  };
}
