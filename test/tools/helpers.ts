// Shared setup for the tool tests: a temp worktree (real git repo) and a ToolContext. File tools
// work on the host side; `hostOnlySandbox` fails loudly if one of them reached for the container.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Sandbox } from '../../src/runtime/types.js';
import type { ToolContext } from '../../src/tools/types.js';
import { makeRepo, makeTempDir, type FileContent, type TestRepo } from '../helpers/repo.js';

export const hostOnlySandbox: Sandbox = {
  id: 'host-only',
  hostWorkspace: '/nonexistent',
  exec: () => Promise.reject(new Error('file tools must not use the container')),
  remove: () => Promise.resolve(),
};

export interface Playground {
  repo: TestRepo;
  /** A directory beside the repository, standing for "anywhere outside it". */
  outside: string;
  ctx: ToolContext;
  cleanup(): void;
}

export function playground(files: Record<string, FileContent> = { 'README.md': '# test\n' }, sandbox = hostOnlySandbox): Playground {
  const repo = makeRepo({ files });
  const outside = path.join(makeTempDir('sog-outside-'), 'outside');
  mkdirSync(outside);
  return {
    repo,
    outside,
    ctx: { worktree: repo.path, sandbox },
    cleanup() {
      repo.cleanup();
      rmSync(path.dirname(outside), { recursive: true, force: true });
    },
  };
}
