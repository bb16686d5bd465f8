// The batch's record on a real filesystem: written whole and read back, a damaged one refused,
// no secret stored, and one batch of a file at a time (a dead holder's lock taken over).
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockBatch, readRecord, recordPath, storableRunArgs, writeRecord, type BatchRecord } from '../../../src/cli/batch/record.js';
import { deadPid } from '../../helpers/dead-pid.js';
import { makeTempDir } from '../../helpers/repo.js';

describe('the batch record', () => {
  const dir = makeTempDir('sog-batch-record-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const record: BatchRecord = {
    version: 1,
    file: '/work/repos.txt',
    startedAt: '2026-12-01T00:00:00.000Z',
    runArgs: { 'model-a': 'builtin', validate: ['a', 'b'], 'no-first-shot': true },
    lines: [{ line: 2, repo: '/r/a', goal: 'Migrate', session: null }],
  };

  it('lives in the sessions dir under a name per batch file, and is read back as written, leaving no temporary file', () => {
    const file = recordPath(dir, '/work/my repos.txt');
    expect(path.dirname(file)).toBe(path.join(dir, 'batches'));
    expect(path.basename(file)).toMatch(/^my_repos\.txt-[0-9a-f]{12}\.json$/);
    expect(recordPath(dir, '/elsewhere/my repos.txt')).not.toBe(file);
    expect(readRecord(file)).toBeNull();
    writeRecord(file, record);
    writeRecord(file, { ...record, lines: [{ ...record.lines[0]!, session: '20261201-000000-abcd' }] });
    expect(readRecord(file)!.lines[0]!.session).toBe('20261201-000000-abcd');
    expect(readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
  });

  it('a damaged record is refused, not guessed at', () => {
    const file = path.join(dir, 'damaged.json');
    writeFileSync(file, '{"version": 1, "lines": [');
    expect(() => readRecord(file)).toThrow(/damaged\.json is damaged; remove it to start the batch afresh/);
    writeFileSync(file, JSON.stringify({ ...record, version: 2 }));
    expect(() => readRecord(file)).toThrow(/is damaged/);
  });

  it('stores no notification target, no URL credential and nothing shaped like a key', () => {
    expect(
      storableRunArgs({
        'model-a': 'openai-compatible/m',
        'endpoint-a': 'https://user:pass@llm.example/v1?key=abc',
        notify: ['https://hooks.example/T0/secret-path'],
        'notify-command': ['curl -d @- https://x'],
        validate: ['sk-abcdefghijklmnopqrstuvwx', 'bazel test //...'],
      }),
    ).toEqual({ 'model-a': 'openai-compatible/m', 'endpoint-a': 'https://llm.example/v1', validate: ['bazel test //...'] });
  });

  it('lets one batch of a file run at a time, and takes over the lock of a batch whose process is gone', () => {
    const file = path.join(dir, 'batches', 'locked.json');
    const release = lockBatch(file, 'repos.txt');
    expect(() => lockBatch(file, 'repos.txt')).toThrow(`a batch of repos.txt is running already (pid ${process.pid} on ${hostname()})`);
    release();
    expect(existsSync(`${file}.lock`)).toBe(false);

    writeFileSync(`${file}.lock`, JSON.stringify({ pid: deadPid(), host: hostname() }));
    const again = lockBatch(file, 'repos.txt');
    expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8'))).toEqual({ pid: process.pid, host: hostname() });
    again();
  });
});
