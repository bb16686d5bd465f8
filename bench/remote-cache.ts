// A second attempt's build with a shared remote cache against without: `bazel build //...` of a
// synthetic C tree in a fresh container of a new session (empty disk cache, as on another machine
// or in a colleague's session), once with a --bazelrc naming an HTTP cache on the Docker host that
// an earlier attempt filled, once without. Validation never reads the cache, so only attempts
// gain this.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_LIMITS, DockerRuntime } from '../src/runtime/index.js';
import { bridgeGateway, startHttpCache } from '../test/helpers/http-cache.js';
import { median, type BenchRow } from './measure.js';
import { writeSyntheticTree } from './runtime.js';

const IMAGE = process.env.SHOTS_ON_GOAL_IMAGE ?? 'shots-on-goal:latest';
const PACKAGES = 8;
const FILES = 25;
const RUNS = 2;

export async function benchRemoteCache(): Promise<BenchRow[]> {
  const cache = await startHttpCache(await bridgeGateway());
  const withCache = new DockerRuntime(undefined, { bazelrc: { files: [{ name: '1-remote.bazelrc', text: `common --remote_cache=${cache.url}\n` }], secrets: [] } });
  const without = new DockerRuntime();
  const tree = mkdtempSync(path.join(os.tmpdir(), 'sog-bench-remote-'));
  writeSyntheticTree(tree, PACKAGES, FILES);
  const sessions: string[] = [];
  let n = 0;
  /** One attempt's build in a fresh container of a new session; its time in ms. */
  const build = async (runtime: DockerRuntime): Promise<number> => {
    const session = `bench-remote-cache-${process.pid}-${++n}`;
    sessions.push(session);
    const sandbox = await runtime.start({
      sessionId: session, sessionsDir: tree, attemptId: 1, purpose: 'attempt', hostWorkspace: tree, image: IMAGE, network: 'bridge', limits: DEFAULT_LIMITS,
    });
    try {
      const result = await sandbox.exec(['bazel', 'build', '//...'], { timeoutMs: 15 * 60_000 });
      if (result.exitCode !== 0) throw new Error(`bazel build //... failed (exit ${result.exitCode}):\n${result.stderr.slice(-2000)}`);
      return result.durationMs;
    } finally {
      await sandbox.remove();
    }
  };
  try {
    const fill = await build(withCache);
    const hits = () => cache.requests.filter((r) => r.store === 'ac' && r.method === 'GET' && r.status === 200).length;
    const ours: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const before = hits();
      ours.push(await build(withCache));
      if (hits() === before) throw new Error('the build with the remote cache fetched nothing from it');
      baseline.push(await build(without));
    }
    const row: BenchRow = {
      name: `2nd attempt's bazel build //... (synthetic C tree, ${PACKAGES * FILES} files), remote cache vs none`,
      ours_ms: median(ours),
      baseline_ms: median(baseline),
    };
    console.log(
      `${row.name}: with the cache ${row.ours_ms} ms, without ${row.baseline_ms} ms (median of ${RUNS}, each in a new session's fresh container; ` +
        `the first attempt, filling the cache, took ${fill} ms), ratio ${(row.ours_ms / row.baseline_ms).toFixed(2)}x`,
    );
    return [row];
  } finally {
    for (const session of sessions) {
      await without.removeSessionContainers(session);
      await without.removeSessionVolumes(session);
    }
    await cache.close();
    rmSync(tree, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchRemoteCache();
}
