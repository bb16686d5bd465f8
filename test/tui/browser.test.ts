// `--list` in a terminal: the session browser over real session directories.
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openWatched } from '../../src/tui/data/watched.js';
import { buildDemoSession, SessionBuilder, tempSessionsDir } from './session-builder.js';
import { cursorLine, cursorOn, KEY, lineWith, renderApp } from './render.js';

let temp: ReturnType<typeof tempSessionsDir>;
const builders: SessionBuilder[] = [];

beforeEach(() => {
  temp = tempSessionsDir();
});

afterEach(() => {
  cleanup();
  for (const b of builders.splice(0)) b.close();
  temp.cleanup();
});

it('lists the sessions newest first, unreadable ones as such; enter opens one read-only and it updates live; esc goes back', async () => {
  const old = new SessionBuilder(temp.dir, { goal: 'An older finished migration', repoPath: '/repos/old', startedAt: new Date('2025-01-01T10:00:00Z') });
  builders.push(old);
  const g = old.goal(null, 'An older finished migration');
  old.startGoal(g, 'openrouter/a/b');
  old.finishGoal(g, 'completed');
  old.store.finishSession('completed', { resultBranch: 'sog/old' });
  mkdirSync(join(temp.dir, 'broken-session'));
  writeFileSync(join(temp.dir, 'broken-session', 'goals.db'), 'this is not a database at all, just text that fills a page. '.repeat(100));
  // Listed by its file's time: between the two sessions.
  utimesSync(join(temp.dir, 'broken-session', 'goals.db'), new Date('2025-06-01T00:00:00Z'), new Date('2025-06-01T00:00:00Z'));
  const { b, ids } = buildDemoSession(temp.dir);
  builders.push(b);

  const t = renderApp({ mode: 'browse', sessionsDir: temp.dir, openSession: (row) => openWatched(row.dbPath, 10), onQuit: () => {} });
  let frame = await t.waitFor((f) => f.includes('Sessions in'));
  const lines = frame.split('\n');
  const newest = lines.findIndex((l) => l.includes('Migrate this repo to Bazel'));
  const older = lines.findIndex((l) => l.includes('An older finished migration'));
  expect(newest).toBeGreaterThan(-1);
  expect(older).toBeGreaterThan(newest);
  expect(lines[newest]).toMatch(/● running\s+1\/5\s+\$0\.0350\s+just now\s+\/repos\/demo/);
  expect(lines[older]).toMatch(/✓ completed\s+1\/1\s+\$0\.0000\s+2025-01-01 10:00\s+\/repos\/old/);
  expect(lineWith(frame, 'broken-session')).toMatch(/\? unreadable.*broken-session/);
  expect(cursorLine(frame)).toContain(lines[newest]!.slice(2).trim().slice(0, 20));

  frame = await t.press(KEY.enter, 'Goals 1/5 completed');
  expect(frame).toContain('esc sessions');
  b.finishGoal(ids.working, 'completed');
  await t.waitFor((f) => f.includes('Goals 2/5 completed'));

  // The list reloads its rows when shown again: wait for the row with the new count.
  frame = await t.press(KEY.esc, (f) => f.includes('Sessions in') && /2\/5/.test(lineWith(f, 'Migrate this repo') ?? ''));
  expect(lineWith(frame, 'Migrate this repo')).toMatch(/2\/5/);

  frame = await t.press('j', cursorOn('broken-session'));
  expect(cursorLine(frame)).toContain('broken-session');
  frame = await t.press(KEY.enter, 'broken-session cannot be opened');
  expect(frame).toMatch(/broken-session cannot be opened/);
});

it('q quits the browser', async () => {
  let quits = 0;
  const t = renderApp({ mode: 'browse', sessionsDir: temp.dir, openSession: (row) => openWatched(row.dbPath), onQuit: () => quits++ });
  await t.waitFor((f) => f.includes('no sessions yet'));
  await t.press('q', () => quits > 0);
  expect(quits).toBe(1);
});
