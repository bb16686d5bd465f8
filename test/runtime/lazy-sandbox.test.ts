// The attempt's container starts at its first command: none for an attempt that runs none, one for
// commands issued together, and none left behind when the attempt ends while it is starting.
import { describe, expect, it } from 'vitest';
import { SandboxError } from '../../src/runtime/errors.js';
import { lazySandbox } from '../../src/runtime/lazy-sandbox.js';
import type { ExecResult, Sandbox } from '../../src/runtime/types.js';

function recordingSandbox(id: string) {
  let removed = 0;
  const sandbox: Sandbox = {
    id,
    hostWorkspace: '/w',
    exec: async (argv) => ({ exitCode: 0, stdout: argv.join(' '), stderr: '', durationMs: 1, timedOut: false }) satisfies ExecResult,
    remove: async () => {
      removed += 1;
    },
  };
  return { sandbox, removals: () => removed };
}

describe('lazySandbox', () => {
  it('starts nothing for an attempt that runs no command', async () => {
    let starts = 0;
    const lazy = lazySandbox('/w', async () => (starts++, recordingSandbox('c1').sandbox), () => undefined);
    expect(lazy.id).toBe('');
    expect(lazy.hostWorkspace).toBe('/w');
    await lazy.remove();
    expect(starts).toBe(0);
  });

  it('starts one container for commands issued together, tells it once, and removes it', async () => {
    const inner = recordingSandbox('c1');
    let starts = 0;
    const told: string[] = [];
    const lazy = lazySandbox('/w', async () => (starts++, inner.sandbox), (s) => told.push(s.id));
    const [a, b] = await Promise.all([lazy.exec(['rg', 'x']), lazy.exec(['bazel', 'build'])]);
    expect([a.stdout, b.stdout]).toEqual(['rg x', 'bazel build']);
    expect([starts, told, lazy.id]).toEqual([1, ['c1'], 'c1']);
    await lazy.remove();
    expect(inner.removals()).toBe(1);
    await expect(lazy.exec(['true'])).rejects.toBeInstanceOf(SandboxError);
  });

  it('a start that fails is the engine failing under the tool (a SandboxError), with its reason', async () => {
    const lazy = lazySandbox('/w', async () => Promise.reject(new Error('no such image: sog:gone')), () => undefined);
    const failed = await lazy.exec(['rg', 'x']).catch((err: unknown) => err);
    expect(failed).toBeInstanceOf(SandboxError);
    expect((failed as Error).message).toContain('no such image: sog:gone');
    await lazy.remove();
  });

  it('a container whose recording failed is still removed with the attempt', async () => {
    const inner = recordingSandbox('c3');
    const lazy = lazySandbox('/w', async () => inner.sandbox, () => {
      throw new Error('database is locked');
    });
    await expect(lazy.exec(['rg', 'x'])).rejects.toBeInstanceOf(SandboxError);
    await lazy.remove();
    expect(inner.removals()).toBe(1);
  });

  it('an attempt that ends while its container starts waits for it and removes it, unrecorded', async () => {
    const inner = recordingSandbox('c2');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const told: string[] = [];
    const lazy = lazySandbox('/w', async () => (await held, inner.sandbox), (s) => told.push(s.id));
    const running = lazy.exec(['rg', 'x']).catch(() => undefined);
    const removing = lazy.remove();
    release();
    await Promise.all([running, removing]);
    expect(inner.removals()).toBe(1);
    expect(told).toEqual([]);
  });
});
