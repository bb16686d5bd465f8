import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { SessionStore, type NewSession, type StoreOptions } from '../../src/store/index.js';

/** A fresh temp dir per test, removed by the returned cleanup. */
export function tempDir(prefix = 'sog-store-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fresh temp dir removed when the calling test finishes (call it inside a test). */
export function testTempDir(prefix?: string): string {
  const t = tempDir(prefix);
  onTestFinished(t.cleanup);
  return t.dir;
}

export function sessionFields(over: Partial<NewSession> = {}): NewSession {
  return {
    goal: 'Migrate this repo to Bazel (bzlmod)',
    repoPath: '/repos/demo',
    baseBranch: 'main',
    baseCommit: '0123456789abcdef0123456789abcdef01234567',
    modelA: 'openrouter/anthropic/claude-sonnet-4.5',
    modelB: 'openrouter/openai/gpt-5-codex',
    options: { maxTools: 50 },
    ...over,
  };
}

export function createSession(sessionsDir: string, over: Partial<NewSession> = {}, opts?: StoreOptions): SessionStore {
  return SessionStore.create(sessionsDir, sessionFields(over), opts);
}
