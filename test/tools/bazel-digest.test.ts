// A broken BUILD graph and a broken C file, built for real: the digest names the failing target
// and the ERROR line (file:line) and is at least 5 times shorter than Bazel's own console output
// for the same command. A BUILD syntax error, a missing package and flags Bazel rejects are
// digested from a real run too, not only from recorded event files. The console baseline is what a model would otherwise read on its first
// Bazel call in a fresh attempt container: plain output (--color=no --curses=no) with the progress
// and INFO messages the image's rc filters out turned back on.
import { afterEach, expect, it } from 'vitest';
import { runTool } from '../../src/tools/registry.js';
import { describeDocker } from '../helpers/docker.js';
import { fixtureFiles } from '../helpers/fixture-repo.js';
import { containerRepo, type ContainerRepo } from './container.js';

const RAW_ARGV = ['bazel', 'build', '--color=no', '--curses=no', '--show_progress', '--ui_event_filters=+info', '--keep_going', '--', '//...'];

describeDocker('Bazel digest of a broken build', () => {
  let c: ContainerRepo | undefined;
  afterEach(async () => {
    await c?.cleanup();
    c = undefined;
  });

  async function compare(broken: Record<string, string>) {
    c = await containerRepo('bzlmod-c', broken);
    const raw = await c.sandbox.exec(RAW_ARGV, { timeoutMs: 600_000 });
    expect(raw.exitCode).toBe(1);
    const rawText = raw.stdout + raw.stderr;
    const r = await runTool('bazel_build', {}, c.ctx);
    expect(r).toMatchObject({ ok: false, exitCode: 1 });
    console.log(`digest ${r.observation.length} chars vs raw console ${rawText.length} chars (${(rawText.length / r.observation.length).toFixed(1)}x)\n${r.observation}`);
    expect(r.observation.length * 5).toBeLessThanOrEqual(rawText.length);
    return r.observation;
  }

  it('typo in a dependency label', async () => {
    const app = fixtureFiles('bzlmod-c.bazel')['app/BUILD.bazel']!;
    const digest = await compare({ 'app/BUILD.bazel': app.replace('"//lib:greet"', '"//lib:gret"') });
    expect(digest.split('\n')[0]).toBe('bazel build //... → exit 1: build failed');
    expect(digest).toMatch(/^ERROR: app\/BUILD\.bazel:\d+:\d+: no such target '\/\/lib:gret'.*referenced by '\/\/app:greet'$/m);
  });

  it('C syntax error', async () => {
    const greet = fixtureFiles('bzlmod-c')['lib/greet.c']!;
    const digest = await compare({ 'lib/greet.c': greet.replace('return n < 0', 'return n < 0 oops') });
    expect(digest.split('\n')[0]).toBe('bazel build //... → exit 1: build failed');
    expect(digest).toMatch(/^ERROR: lib\/BUILD\.bazel:\d+:\d+: Compiling lib\/greet\.c failed: \(Exit 1\) \[\/\/lib:greet\]$/m);
    expect(digest).toMatch(/^ {2}lib\/greet\.c:7:\d+: error: expected ';' before 'oops'$/m);
    expect(digest).toContain('//app:greet, //tests:greet_test: not built (root cause //lib:greet)');
  });

  it('BUILD file syntax error: the file, line and column, not the packages it takes down', async () => {
    const lib = fixtureFiles('bzlmod-c.bazel')['lib/BUILD.bazel']!;
    c = await containerRepo('bzlmod-c', { 'lib/BUILD.bazel': lib.replace('hdrs = ["greet.h"],', 'hdrs = ["greet.h"]') });
    const r = await runTool('bazel_build', {}, c.ctx);
    expect(r).toMatchObject({ ok: false, exitCode: 1 });
    const lines = r.observation.split('\n');
    expect(lines[0]).toBe('bazel build //... → exit 1: build failed');
    expect(lines[1]).toBe("ERROR: lib/BUILD.bazel:7:5: syntax error at 'visibility': expected ,");
    expect(r.observation).not.toContain('package contains errors');
    expect(r.observation).not.toContain('/workspace/');
  });

  it('a package that does not exist', async () => {
    c = await containerRepo('bzlmod-c');
    const r = await runTool('bazel_build', { targets: ['//nope/...'] }, c.ctx);
    expect(r).toMatchObject({ ok: false, exitCode: 1 });
    expect(r.observation).toBe("bazel build //nope/... → exit 1: build failed\nERROR: Skipping '//nope/...': no targets found beneath 'nope'");
    const label = await runTool('bazel_build', { targets: ['//nope:x'] }, c.ctx);
    expect(label).toMatchObject({ ok: false, exitCode: 1 });
    expect(label.observation).toMatch(/^ERROR: .*no such package 'nope'/m);
  });

  it("flags Bazel rejects: an unknown one in the repository's .bazelrc, an undefined --config from the model", async () => {
    c = await containerRepo('bzlmod-c', { '.bazelrc': 'build --bogus_flag\n' });
    const rc = await runTool('bazel_build', {}, c.ctx);
    expect(rc).toMatchObject({ ok: false, exitCode: 2 });
    const lines = rc.observation.split('\n');
    expect(lines[0]).toBe('bazel build //... → exit 2: command line problem: bad or illegal flags or command combination, or bad environment variables');
    expect(lines.slice(1).join('\n')).toMatch(/^ERROR: .*--bogus_flag/m);
    await c.cleanup();

    c = await containerRepo('bzlmod-c');
    const config = await runTool('bazel_build', { flags: ['--config=nope'] }, c.ctx);
    expect(config).toMatchObject({ ok: false, exitCode: 2 });
    expect(config.observation.split('\n')[0]).toMatch(/^bazel build --config=nope \/\/\.\.\. → exit 2: command line problem/);
    expect(config.observation).toMatch(/^ERROR: Config value 'nope' is not defined in any \.rc file$/m);
  });
});
