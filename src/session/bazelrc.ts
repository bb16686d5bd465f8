// The user's --bazelrc files, read once on the host: each is hashed, its ${NAME}s are filled in
// from the --bazelrc-env variables, and the filled-in text goes to the containers (see
// runtime/container-bazelrc.ts). The session records each file's path and sha256 and the
// variables' names, never a line of a file nor a variable's value.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { UserBazelrc } from '../runtime/container-bazelrc.js';

/** What the session stores of one --bazelrc file (the hash is absent until the file is read). */
export interface BazelrcRecord {
  path: string;
  sha256?: string;
}

/** A --bazelrc file or --bazelrc-env variable that cannot be used: one line for the user. */
export class BazelrcError extends Error {
  override name = 'BazelrcError';
}

export interface LoadedBazelrc {
  /** Absolute paths and the sha256 of what was read, for the session's options. */
  records: Required<BazelrcRecord>[];
  /** What the containers get; null when no file was given. */
  container: UserBazelrc | null;
  /** One line per file whose hash differs from the one recorded before (on --resume). */
  changed: string[];
}

const MAX_BYTES = 1024 ** 2;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
/** `import`/`try-import` lines; a path the containers cannot see is refused (%workspace% is the repository). */
const IMPORT = /^[ \t]*(try-import|import)[ \t]+(\S+)/gm;

/**
 * Reads the files (relative paths against `cwd`), checks them and the variables, and fills the
 * variables in. Throws BazelrcError with one line naming the file or variable and the fix.
 */
export function loadBazelrc(records: readonly BazelrcRecord[], envNames: readonly string[], env: NodeJS.ProcessEnv, cwd = process.cwd()): LoadedBazelrc {
  const values = new Map<string, string>();
  for (const name of envNames) {
    if (!ENV_NAME.test(name)) throw new BazelrcError(`--bazelrc-env takes a variable name such as REMOTE_CACHE_TOKEN (got "${name}")`);
    const value = env[name];
    if (value === undefined || value === '') throw new BazelrcError(`--bazelrc-env ${name}: the variable is not set in this environment; export it first`);
    if (/[\r\n]/.test(value)) throw new BazelrcError(`--bazelrc-env ${name}: the value holds a line break, which would add lines to the rc file`);
    values.set(name, value);
  }
  const used = new Set<string>();
  const loaded = records.map((record, i) => {
    const file = path.resolve(cwd, record.path);
    const raw = readRc(file);
    const sha256 = createHash('sha256').update(raw).digest('hex');
    const text = raw.toString('utf8');
    for (const m of text.matchAll(IMPORT)) {
      if (!m[2]!.startsWith('%workspace%')) {
        const line = text.slice(0, m.index).split('\n').length;
        throw new BazelrcError(
          `--bazelrc ${file} line ${line}: ${m[1]} ${m[2]} names a file the containers cannot see; give that file as another --bazelrc instead`,
        );
      }
    }
    const filled = text.replace(REFERENCE, (_, name: string) => {
      const value = values.get(name);
      if (value === undefined) throw new BazelrcError(`--bazelrc ${file} uses \${${name}}: pass --bazelrc-env ${name} to fill it in from the environment`);
      used.add(name);
      return value;
    });
    return { record: { path: file, sha256 }, name: containerName(i, file), text: filled, before: record.sha256 };
  });
  for (const name of values.keys()) {
    if (!used.has(name)) throw new BazelrcError(`--bazelrc-env ${name}: no --bazelrc file uses \${${name}}`);
  }
  const changed = loaded
    .filter((l) => l.before !== undefined && l.before !== l.record.sha256)
    .map(
      (l) =>
        `--bazelrc ${l.record.path} changed since the session recorded it (sha256 ${l.before!.slice(0, 12)} → ${l.record.sha256.slice(0, 12)}); ` +
        'its contents as they are now apply from here on',
    );
  const container: UserBazelrc | null =
    loaded.length === 0
      ? null
      : {
          files: loaded.map((l) => ({ name: l.name, text: l.text })),
          secrets: [...new Set([...values.values(), ...loaded.flatMap((l) => secretsIn(l.text))])],
        };
  return { records: loaded.map((l) => l.record), container, changed };
}

function readRc(file: string): Buffer {
  try {
    if (statSync(file).isDirectory()) throw Object.assign(new Error('a directory'), { code: 'EISDIR' });
    const raw = readFileSync(file);
    if (raw.length > MAX_BYTES) throw new Error(`larger than ${MAX_BYTES / 1024 ** 2} MiB`);
    return raw;
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));
    throw new BazelrcError(`--bazelrc ${file} cannot be read (${why}); give the path of a readable Bazel rc file`);
  }
}

/** `1-remote.bazelrc`: the order they are imported in, and a name Bazel's messages make recognisable. */
function containerName(index: number, file: string): string {
  const base = path.basename(file).replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '') || 'bazelrc';
  return `${index + 1}-${base}`;
}

/** Flags whose value is `NAME=VALUE` with a credential in VALUE (`--remote_header=x-api-key=...`). */
const HEADER_FLAG = /^--[a-z_]*header(?:=(.*))?$/;
/** The password of `scheme://user:password@host`. */
const URL_PASSWORD = /[a-z][a-z0-9+.-]*:\/\/[^/\s@:'"]+:([^/\s@'"]+)@/gi;

/**
 * What output must never show of a file: header values and URL passwords. Redacted from everything
 * a container prints, so a build step that reads the rc does not carry them into the record.
 */
export function secretsIn(text: string): string[] {
  const found: string[] = [];
  for (const line of text.split('\n')) {
    const words = rcWords(line);
    words.forEach((word, i) => {
      const m = HEADER_FLAG.exec(word);
      if (!m) return;
      const value = m[1] ?? words[i + 1] ?? '';
      const eq = value.indexOf('=');
      const secret = eq < 0 ? '' : value.slice(eq + 1);
      if (secret !== '') found.push(secret);
    });
    for (const m of line.matchAll(URL_PASSWORD)) found.push(m[1]!);
  }
  return found;
}

/** Splits an rc line into words as Bazel does: whitespace, with single or double quotes. */
function rcWords(line: string): string[] {
  if (/^\s*#/.test(line)) return [];
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: string | null = null;
  for (const char of line) {
    if (quote !== null) {
      if (char === quote) quote = null;
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

/**
 * The run's files read now: `options.bazelrc` gets the hashes of what was read (a record that
 * carries an earlier hash is compared with it), and the runtime gets what the containers mount.
 */
export function withBazelrc<T extends { bazelrc: BazelrcRecord[]; bazelrcEnv: string[] }>(
  options: T,
  env: NodeJS.ProcessEnv,
): { options: T; container: UserBazelrc | null; changed: string[] } {
  const loaded = loadBazelrc(options.bazelrc, options.bazelrcEnv, env);
  return { options: { ...options, bazelrc: loaded.records }, container: loaded.container, changed: loaded.changed };
}

/** Files given again on --resume keep the hash recorded for the same path, so a change is still said. */
export function withRecordedHashes(given: readonly BazelrcRecord[], recorded: readonly BazelrcRecord[]): BazelrcRecord[] {
  return given.map((g) => ({ ...g, sha256: g.sha256 ?? recorded.find((r) => r.path === g.path)?.sha256 }));
}
