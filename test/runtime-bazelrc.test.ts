// The user's --bazelrc files in real containers: mounted read-only into attempts and validation,
// imported by each role's ~/.bazelrc (validation's forced lines after them), readable by another
// container uid, and their secrets redacted from whatever a container prints.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_LIMITS, DockerRuntime, type SandboxSpec } from '../src/runtime/index.js';
import { USER_BAZELRC_DIR } from '../src/runtime/container-bazelrc.js';
import { VALIDATION_BAZELRC } from '../src/runtime/validation-bazelrc.js';
import { TEST_IMAGE, describeDocker } from './helpers/docker.js';

const SECRET = `s3cret-${randomBytes(6).toString('hex')}`;
const bazelrc = { files: [{ name: '1-team.bazelrc', text: `common --remote_header=x-key=${SECRET}\n` }], secrets: [SECRET] };
const session = `test-runtime-rc-${randomBytes(4).toString('hex')}`;
let workspace: string;

function spec(overrides: Partial<SandboxSpec>): SandboxSpec {
  return { sessionId: session, sessionsDir: workspace, attemptId: 1, purpose: 'attempt', hostWorkspace: workspace, image: TEST_IMAGE, network: 'none', limits: DEFAULT_LIMITS, ...overrides };
}

describeDocker('--bazelrc files in the containers', () => {
  const runtime = new DockerRuntime(undefined, { bazelrc });

  beforeAll(() => {
    workspace = mkdtempSync(path.join(os.tmpdir(), 'sog-runtime-rc-'));
  });
  afterAll(async () => {
    await runtime.removeSessionContainers(session);
    await runtime.removeSessionVolumes(session);
    rmSync(workspace, { recursive: true, force: true });
  });

  it('every role gets them read-only, imported by its ~/.bazelrc; validation forces its lines after them', async () => {
    const attempt = await runtime.start(spec({ attemptId: 'a' }));
    const validation = await runtime.start(spec({ attemptId: 'v', purpose: 'validation' }));
    try {
      for (const box of [attempt, validation]) {
        const home = (await box.exec(['cat', '/home/builder/.bazelrc'])).stdout;
        expect(home.split('\n').filter((l) => l.startsWith('import '))).toEqual([`import ${USER_BAZELRC_DIR}/1-team.bazelrc`]);
        expect(home).toMatch(/^build --noannounce_rc$/m);
        expect(home.endsWith(VALIDATION_BAZELRC)).toBe(box === validation);
        expect((await box.exec(['sh', '-c', `echo x >> ${USER_BAZELRC_DIR}/1-team.bazelrc`])).stderr).toMatch(/Read-only file system/);
        expect((await box.exec(['sh', '-c', 'echo x >> /home/builder/.bazelrc'])).stderr).toMatch(/Read-only file system/);
      }
      expect((await attempt.exec(['cat', '/home/builder/.bazelrc'])).stdout).not.toContain('remote_accept_cached');
    } finally {
      await Promise.all([attempt.remove(), validation.remove()]);
    }
  });

  it('redacts the secrets from what a container prints, on stdout and stderr', async () => {
    const box = await runtime.start(spec({ attemptId: 'scrub' }));
    try {
      const read = await box.exec(['sh', '-c', `cat ${USER_BAZELRC_DIR}/1-team.bazelrc; cat ${USER_BAZELRC_DIR}/1-team.bazelrc >&2`]);
      expect(read.exitCode).toBe(0);
      expect(read.stdout).toBe('common --remote_header=x-key=[redacted]\n');
      expect(read.stderr).toBe('common --remote_header=x-key=[redacted]\n');
    } finally {
      await box.remove();
    }
  });

  it('a container running as another uid can read them (the copies are then not private to us)', async () => {
    const other = new DockerRuntime(undefined, { user: { uid: 4321, gid: 4322 }, bazelrc });
    const box = await other.start(spec({ attemptId: 'uid' }));
    try {
      const read = await box.exec(['cat', `${USER_BAZELRC_DIR}/1-team.bazelrc`, '/home/builder/.bazelrc']);
      expect(read.exitCode, read.stderr).toBe(0);
      expect(read.stdout).toContain('x-key=[redacted]');
    } finally {
      await box.remove();
    }
  });
});
