// The opener for watchers (`--list`, `watch`, `show`): never writes a row, never migrates.
import { existsSync } from 'node:fs';
import { openReadOnlyDb } from './db.js';
import { SessionNotFoundError } from './errors.js';
import { dbPathOf } from './paths.js';
import { SessionReader } from './reader.js';

export function openSessionReadOnly(sessionDirOrDb: string): SessionReader {
  const path = dbPathOf(sessionDirOrDb);
  if (!existsSync(path)) throw new SessionNotFoundError(sessionDirOrDb, `no database at ${path}`);
  return new SessionReader(openReadOnlyDb(path), path);
}
