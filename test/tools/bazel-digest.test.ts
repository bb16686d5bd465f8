// A broken BUILD graph and a broken C file, built for real: the digest names the failing target
// and the ERROR line (file:line) and is at least 5 times shorter than Bazel's own console output
// for the same command. The console baseline is what a model would otherwise read on its first
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
});
