// The image itself (Dockerfile, shots-on-goal.bazelrc, build_image.sh), driven straight through
// dockerode so that it is checked independently of src/runtime: the tools it promises, the
// directories the runtime relies on, and offline bzlmod builds of the C and Python fixtures under
// the restrictions the runtime applies, as a non-root uid that owns the mounted worktree.
import { chownSync, cpSync, lstatSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import Docker from 'dockerode';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TEST_IMAGE, describeDocker } from './helpers/docker.js';
import { makeTempDir } from './helpers/repo.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const TEST_LABEL = 'shots-on-goal.test';
const BAZEL_TIMEOUT_MS = 240_000;

const docker = new Docker();

interface RunResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** One container for a group of tests; removed (with whatever runs in it) by `remove`. */
class TestContainer {
  private constructor(private readonly container: Docker.Container) {}

  static async start(options: { workspace?: string; user?: string; env?: string[] } = {}): Promise<TestContainer> {
    const container = await docker.createContainer({
      Image: TEST_IMAGE,
      Cmd: ['sleep', 'infinity'],
      User: options.user,
      Env: options.env,
      Labels: { [TEST_LABEL]: 'image' },
      HostConfig: {
        Init: true,
        NetworkMode: 'none',
        CapDrop: ['ALL'],
        SecurityOpt: ['no-new-privileges'],
        Binds: options.workspace ? [`${options.workspace}:/workspace`] : [],
      },
    });
    try {
      await container.start();
    } catch (err) {
      await container.remove({ force: true });
      throw err;
    }
    return new TestContainer(container);
  }

  async run(argv: string[]): Promise<RunResult> {
    const exec = await this.container.exec({ Cmd: argv, AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({ hijack: true, stdin: false });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const stdout = new PassThrough().on('data', (c: Buffer) => out.push(c));
    const stderr = new PassThrough().on('data', (c: Buffer) => err.push(c));
    docker.modem.demuxStream(stream, stdout, stderr);
    await new Promise<void>((resolve, reject) => {
      stream.once('end', resolve);
      stream.once('close', resolve);
      stream.once('error', reject);
    });
    const { ExitCode } = await exec.inspect();
    return { exitCode: ExitCode, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
  }

  async remove(): Promise<void> {
    await this.container.remove({ force: true }).catch(() => undefined);
  }
}

function describeRun(result: RunResult): string {
  return `exit ${result.exitCode}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}

/** Every path under dir (relative), symlinks not followed. */
function walk(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(prefix, entry.name);
    return entry.isDirectory() ? [rel, ...walk(dir, rel)] : [rel];
  });
}

function chownTree(dir: string, uid: number, gid: number): void {
  chownSync(dir, uid, gid);
  for (const rel of walk(dir)) chownSync(path.join(dir, rel), uid, gid);
}

describeDocker('the shots-on-goal image', () => {
  let basics: TestContainer;

  beforeAll(async () => {
    basics = await TestContainer.start();
  });
  afterAll(async () => {
    await basics?.remove();
  });

  it('runs as an unprivileged default user in /workspace, with HOME and USER set', async () => {
    const info = await docker.getImage(TEST_IMAGE).inspect();
    expect(info.Config.User).not.toMatch(/^(|root|0)(:.*)?$/);
    expect(info.Config.WorkingDir).toBe('/workspace');
    expect(info.Config.Env).toEqual(expect.arrayContaining(['HOME=/home/builder', 'USER=builder']));
    expect(info.Config.Labels?.['shots-on-goal.inputs']).toMatch(/^[0-9a-f]{64}$/);

    const id = await basics.run(['id', '-u']);
    expect(id.exitCode).toBe(0);
    expect(id.stdout.trim()).not.toBe('0');
    expect((await basics.run(['pwd'])).stdout.trim()).toBe('/workspace');
  });

  it('holds bazel, ripgrep, git, a C toolchain, python3 with pytest, a JDK and timeout', async () => {
    const expectations: [string[], RegExp][] = [
      [['bazel', '--version'], /^bazel \d+\.\d+\.\d+/],
      [['rg', '--version'], /^ripgrep \d+/],
      [['git', '--version'], /^git version /],
      [['cc', '--version'], /\bgcc\b|\(GCC\)|Debian/],
      [['python3', '--version'], /^Python 3\./],
      [['python3', '-m', 'pytest', '--version'], /^pytest \d+/],
      [['timeout', '--version'], /^timeout \(GNU coreutils\)/],
    ];
    for (const [argv, pattern] of expectations) {
      const result = await basics.run(argv);
      expect(result.exitCode, `${argv.join(' ')}: ${describeRun(result)}`).toBe(0);
      expect(result.stdout).toMatch(pattern);
    }
    const java = await basics.run(['java', '-version']);
    expect(java.exitCode, describeRun(java)).toBe(0);
  });

  it('has the directories the runtime mounts or writes world-writable (mode 1777)', async () => {
    const dirs = ['/home/builder', '/var/cache/shots-on-goal/repo', '/var/cache/shots-on-goal/disk', '/workspace'];
    const result = await basics.run(['stat', '-c', '%a %n', ...dirs]);
    expect(result.exitCode, describeRun(result)).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual(dirs.map((d) => `1777 ${d}`));
  });

  it('installs shots-on-goal.bazelrc system-wide: bzlmod only, no symlinks, cache directories', async () => {
    const rc = await basics.run(['cat', '/etc/shots-on-goal.bazelrc']);
    expect(rc.exitCode, describeRun(rc)).toBe(0);
    for (const line of [
      'common --enable_bzlmod',
      'common --noenable_workspace',
      'common --symlink_prefix=/',
      'common --repository_cache=/var/cache/shots-on-goal/repo',
      'common --disk_cache=/var/cache/shots-on-goal/disk',
    ]) {
      expect(rc.stdout.split('\n')).toContain(line);
    }
  });
});

/** uid:gid the build runs as: ours if we are not root, else an arbitrary uid without a passwd entry. */
function buildUser(): { uid: number; gid: number } {
  const uid = process.getuid?.() ?? 1234;
  return uid === 0 ? { uid: 1234, gid: 1234 } : { uid, gid: process.getgid?.() ?? uid };
}

for (const fixture of [
  { name: 'bzlmod-c', test: '//tests:greet_test', run: { target: '//app:greet', args: ['Ada'], output: 'Hello, Ada!' } },
  { name: 'bzlmod-py', test: '//tests:test_greet', run: null },
]) {
  describeDocker(`the image builds and tests the ${fixture.name} fixture offline as a non-root uid`, () => {
    let workspace: string;
    let before: Set<string>;
    let container: TestContainer;
    const { uid, gid } = buildUser();

    beforeAll(async () => {
      workspace = makeTempDir(`sog-image-${fixture.name}-`);
      cpSync(path.join(FIXTURES, fixture.name), workspace, { recursive: true });
      cpSync(path.join(FIXTURES, `${fixture.name}.bazel`), workspace, { recursive: true });
      // The runtime's contract: the container's uid owns the worktree.
      if (statSync(workspace).uid !== uid) chownTree(workspace, uid, gid);
      before = new Set(walk(workspace));
      container = await TestContainer.start({
        workspace,
        user: `${uid}:${gid}`,
        env: ['HOME=/home/builder', 'USER=builder'],
      });
    });
    afterAll(async () => {
      await container?.remove();
      if (workspace) rmSync(workspace, { recursive: true, force: true });
    });

    it('bazel build //... succeeds', { timeout: BAZEL_TIMEOUT_MS }, async () => {
      const result = await container.run(['bazel', 'build', '//...']);
      expect(result.exitCode, describeRun(result)).toBe(0);
    });

    it('bazel test //... passes', { timeout: BAZEL_TIMEOUT_MS }, async () => {
      const result = await container.run(['bazel', 'test', '//...']);
      expect(result.exitCode, describeRun(result)).toBe(0);
      expect(result.stdout + result.stderr).toMatch(new RegExp(`${fixture.test}\\s+PASSED`));
    });

    it('reads the system rc (bazel info reports its repository cache)', { timeout: BAZEL_TIMEOUT_MS }, async () => {
      const result = await container.run(['bazel', 'info', 'repository_cache']);
      expect(result.exitCode, describeRun(result)).toBe(0);
      expect(result.stdout.trim()).toBe('/var/cache/shots-on-goal/repo');
    });

    it("starts Bazel's server from the image's ahead-of-time cache, with the optimising compiler off", { timeout: BAZEL_TIMEOUT_MS }, async () => {
      const pid = await container.run(['bazel', 'info', 'server_pid']);
      expect(pid.exitCode, describeRun(pid)).toBe(0);
      const server = pid.stdout.trim();
      expect(server).toMatch(/^\d+$/);
      // The JVM maps the cache file it accepted; one it refused (other classpath or flags) is not mapped.
      const maps = await container.run(['grep', '-c', '/usr/share/shots-on-goal/jvm/bazel-server.aot', `/proc/${server}/maps`]);
      expect(maps.exitCode, describeRun(maps)).toBe(0);
      expect(Number(maps.stdout.trim())).toBeGreaterThan(0);
      const cmdline = await container.run(['cat', `/proc/${server}/cmdline`]);
      expect(cmdline.stdout.split('\0')).toContain('-XX:TieredStopAtLevel=1');
    });

    it("uses the C toolchain the image configured as it ships, instead of detecting it again", { timeout: BAZEL_TIMEOUT_MS }, async () => {
      const build = await container.run(['bazel', 'build', '//...']);
      expect(build.exitCode, describeRun(build)).toBe(0);
      // The training run wrote the JVM cache as its server exited, after configuring the toolchain.
      // Both the one a repository depending on rules_cc gets and the one without.
      const script = 'set -e; cd "$(bazel info output_base)/external"; ' +
        'find *~cc_configure_extension~local_config_cc -newer /usr/share/shots-on-goal/jvm/bazel-server.aot; ls -d *~cc_configure_extension~local_config_cc';
      const configured = await container.run(['sh', '-c', script]);
      expect(configured.exitCode, describeRun(configured)).toBe(0);
      expect(configured.stdout.trim().split('\n')).toEqual([
        'bazel_tools~cc_configure_extension~local_config_cc',
        'rules_cc~~cc_configure_extension~local_config_cc',
      ]);
    });

    if (fixture.run) {
      const { target, args, output } = fixture.run;
      it('the built binary runs', { timeout: BAZEL_TIMEOUT_MS }, async () => {
        const result = await container.run(['bazel', 'run', target, '--', ...args]);
        expect(result.exitCode, describeRun(result)).toBe(0);
        expect(result.stdout.trim()).toBe(output);
      });
    }

    it('leaves no bazel-* symlinks (nor any symlink) in the workspace, only files owned by the uid', { timeout: BAZEL_TIMEOUT_MS }, async () => {
      // Builds and tests here too, so that run alone this case has something to check (cached after the others).
      const result = await container.run(['bazel', 'test', '//...']);
      expect(result.exitCode, describeRun(result)).toBe(0);
      const added = walk(workspace).filter((rel) => !before.has(rel));
      const symlinks = walk(workspace).filter((rel) => lstatSync(path.join(workspace, rel)).isSymbolicLink());
      expect(symlinks).toEqual([]);
      expect(walk(workspace).filter((rel) => path.basename(rel).startsWith('bazel-'))).toEqual([]);
      // Bazel may write its module lockfile; nothing else.
      expect(added.filter((rel) => rel !== 'MODULE.bazel.lock')).toEqual([]);
      for (const rel of added) expect(statSync(path.join(workspace, rel)).uid).toBe(uid);
    });
  });
}
