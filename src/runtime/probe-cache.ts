// What the start-up probe found (the image's `bazel --version`, and that the engine accepted the
// session's container settings), remembered on this machine for the same engine, image and
// settings: every run would otherwise start, use and remove one more container before its first
// real one. The key names the engine by its id and everything of it that decides whether a
// container is accepted, and the image by its id (a rebuilt image is probed again). Only a
// success is kept. The file is a cache: unreadable or unwritable, it is ignored.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const FILE = 'engine-probes.json';
/** Entries kept, the most recent first. */
const MAX_ENTRIES = 32;

const entriesSchema = z.array(z.object({ key: z.string(), bazelVersion: z.string() }));

/** `$XDG_CACHE_HOME/shots-on-goal`, else `~/.cache/shots-on-goal`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'shots-on-goal');
}

/** The key of one probe: every input is serialised in a fixed order, then hashed. */
export function probeKey(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

export class ProbeCache {
  private readonly file: string;

  constructor(readonly dir: string = defaultCacheDir()) {
    this.file = path.join(dir, FILE);
  }

  get(key: string): string | undefined {
    return this.read().find((e) => e.key === key)?.bazelVersion;
  }

  set(key: string, bazelVersion: string): void {
    const entries = [{ key, bazelVersion }, ...this.read().filter((e) => e.key !== key)].slice(0, MAX_ENTRIES);
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      // Whole or not at all, even with runs starting side by side.
      const tmp = `${this.file}.${process.pid}.${Date.now()}.tmp`;
      writeFileSync(tmp, `${JSON.stringify(entries, null, 2)}\n`, { mode: 0o600 });
      renameSync(tmp, this.file);
    } catch {
      // A cache that cannot be written only costs the next run a probe.
    }
  }

  private read(): z.infer<typeof entriesSchema> {
    try {
      const parsed = entriesSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      return parsed.success ? parsed.data : [];
    } catch {
      return [];
    }
  }
}
