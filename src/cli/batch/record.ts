// What a batch keeps so that `batch FILE --resume` can carry it on: per line of the file, the
// repository, its goal and the session started for it. Statuses are not kept: each session's own
// database says whether it finished. The record lives in the sessions directory
// (batches/<file name>-<hash of its path>.json), is written whole to a temporary file and renamed
// over the old one (a crash leaves the old record or the new, never half of one), and holds no
// secret: the run options are stored as the sessions store theirs (URL credentials and anything
// shaped like a key dropped), and --notify targets are not stored at all.
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { pidAlive } from '../../session/driver.js';
import { sanitizeOptions } from '../../store/index.js';
import type { BatchRunArgs } from '../args.js';
import { UsageError } from '../usage-error.js';

const RunArgs = z.record(z.string(), z.union([z.string(), z.array(z.string()), z.literal(true)]));

const RecordSchema = z.object({
  version: z.literal(1),
  /** The batch file's absolute path. */
  file: z.string(),
  startedAt: z.string(),
  /** The run options the batch started with: new sessions of a resumed batch start with them too. */
  runArgs: RunArgs,
  lines: z.array(
    z.object({
      line: z.number().int().positive(),
      /** The repository's top level (what identifies the line when the file is edited). */
      repo: z.string(),
      goal: z.string(),
      /** The session started for it, once known. */
      session: z.string().nullable(),
    }),
  ),
});

export type BatchRecord = z.infer<typeof RecordSchema>;
export type RecordLine = BatchRecord['lines'][number];

/** Options never stored: a webhook's URL and a command are given again on --resume, as with a session. */
const NOT_STORED = new Set(['notify', 'notify-command']);

export function storableRunArgs(runArgs: BatchRunArgs): BatchRunArgs {
  const kept = Object.fromEntries(Object.entries(runArgs).filter(([name]) => !NOT_STORED.has(name)));
  return RunArgs.parse(sanitizeOptions(kept).options);
}

export function recordPath(sessionsDir: string, batchFile: string): string {
  const hash = createHash('sha256').update(batchFile).digest('hex').slice(0, 12);
  const name = path.basename(batchFile).replace(/[^\w.-]/g, '_');
  return path.join(sessionsDir, 'batches', `${name}-${hash}.json`);
}

/** The record, or null when this file never ran as a batch here. A damaged record is refused, not guessed at. */
export function readRecord(file: string): BatchRecord | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const record = RecordSchema.safeParse(parsed);
  if (!record.success) throw new UsageError(`the batch record ${file} is damaged; remove it to start the batch afresh (its sessions stay in --list)`);
  return record.data;
}

export function writeRecord(file: string, record: BatchRecord): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(RecordSchema.parse(record), null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}

/**
 * One process runs a batch file at a time: a lock file beside the record names it. A lock whose
 * process is gone (on this host) is taken over. Returns the release function.
 */
export function lockBatch(recordFile: string, batchFile: string): () => void {
  const lock = `${recordFile}.lock`;
  mkdirSync(path.dirname(lock), { recursive: true });
  const owner = { pid: process.pid, host: hostname() };
  for (let tries = 0; tries < 2; tries++) {
    try {
      const fd = openSync(lock, 'wx', 0o600);
      writeSync(fd, JSON.stringify(owner));
      closeSync(fd);
      return () => rmSync(lock, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = lockHolder(lock);
    if (holder && (holder.host !== owner.host || pidAlive(holder.pid))) {
      throw new UsageError(`a batch of ${batchFile} is running already (pid ${holder.pid} on ${holder.host}); wait for it, or stop it with Ctrl-C in its terminal`);
    }
    rmSync(lock, { force: true });
  }
  throw new UsageError(`another batch of ${batchFile} is starting at the same time; run one`);
}

function lockHolder(lock: string): { pid: number; host: string } | null {
  try {
    const parsed = z.object({ pid: z.number().int(), host: z.string() }).safeParse(JSON.parse(readFileSync(lock, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
