// The start-up probe's result is remembered per engine, image and container settings, so a run on
// a machine that already probed them starts no probe container; other settings, or a refusal,
// are never answered from it.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { DEFAULT_LIMITS, DockerRuntime, RuntimeSetupError } from '../../src/runtime/index.js';
import { defaultCacheDir, ProbeCache } from '../../src/runtime/probe-cache.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { makeTempDir } from '../helpers/repo.js';

it('lives under $XDG_CACHE_HOME when it is set, else under ~/.cache', () => {
  expect(defaultCacheDir({ XDG_CACHE_HOME: '/var/tmp/xdg' })).toBe('/var/tmp/xdg/shots-on-goal');
  expect(defaultCacheDir({ XDG_CACHE_HOME: 'relative' })).toMatch(/\/\.cache\/shots-on-goal$/);
  expect(defaultCacheDir({})).toMatch(/\/\.cache\/shots-on-goal$/);
});

it('an unreadable or malformed file is an empty cache, and a set replaces it', () => {
  const dir = makeTempDir('sog-probe-cache-');
  try {
    writeFileSync(path.join(dir, 'engine-probes.json'), '{"not": "a list"}');
    const cache = new ProbeCache(dir);
    expect(cache.get('k')).toBeUndefined();
    cache.set('k', 'bazel 7.7.1');
    expect(new ProbeCache(dir).get('k')).toBe('bazel 7.7.1');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describeDocker('the start-up probe remembered on this machine', () => {
  const dir = makeTempDir('sog-probe-cache-');
  const file = path.join(dir, 'engine-probes.json');
  const probe = { network: 'none' as const, limits: { ...DEFAULT_LIMITS, pids: 4093 } };
  const runtime = () => new DockerRuntime(undefined, { probeCache: new ProbeCache(dir) });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is used by the next runtime for the same engine, image and settings, and only for those', async () => {
    const real = await runtime().bazelVersion(TEST_IMAGE, probe);
    expect(real).toMatch(/^bazel \d+\.\d+\.\d+/);
    // A version no probe could answer shows that the next answer comes from the file.
    writeFileSync(file, readFileSync(file, 'utf8').replace(real, 'bazel 0.0.0-remembered'));
    expect(await runtime().bazelVersion(TEST_IMAGE, probe)).toBe('bazel 0.0.0-remembered');
    expect(await runtime().bazelVersion(TEST_IMAGE, { ...probe, limits: { ...probe.limits, pids: 4094 } })).toBe(real);
    expect(await runtime().bazelVersion(TEST_IMAGE, { ...probe, network: 'bridge' })).toBe(real);
    // Off, the probe runs whatever the file says.
    expect(await new DockerRuntime(undefined, { probeCache: null }).bazelVersion(TEST_IMAGE, probe)).toBe(real);
  });

  it('keeps no refusal: limits the engine refused are probed, and refused, every time', async () => {
    const refused = { network: 'none' as const, limits: { ...DEFAULT_LIMITS, nanoCpus: 4096 * 1e9 } };
    const before = readFileSync(file, 'utf8');
    for (let i = 0; i < 2; i++) await expect(runtime().bazelVersion(TEST_IMAGE, refused)).rejects.toThrow(RuntimeSetupError);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});
