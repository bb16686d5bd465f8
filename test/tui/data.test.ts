// The UI's logic without Ink: the feed, key mapping, windows, text handling, documents, and the
// live session's bounded reads over a real session DB.
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../src/events.js';
import type { SessionReader } from '../../src/store/index.js';
import { actionDocument, diffDocument, wrapDoc } from '../../src/tui/data/documents.js';
import { applyFeedEvents, EMPTY_FEED, type TimedEvent } from '../../src/tui/data/feed.js';
import { keysOf } from '../../src/tui/data/keys.js';
import { LiveSession } from '../../src/tui/data/live-session.js';
import { shortInput } from '../../src/tui/data/short-input.js';
import { clampScroll, moveCursor, scrollWindow } from '../../src/tui/data/window.js';
import { sanitize } from '../../src/present/sanitize.js';
import { displayWidth, spread, truncate, truncateStart, wrapLine } from '../../src/tui/text/width.js';
import { buildDemoSession, DIFF, MODEL_A, SessionBuilder, tempSessionsDir } from './session-builder.js';

const at = (event: SessionEvent): TimedEvent => ({ ts: '2026-01-01T00:00:00.000Z', event });
const NONE = { upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageUp: false, pageDown: false, home: false, end: false, return: false, escape: false, ctrl: false };

describe('the feed', () => {
  it('starts afresh with each attempt, merges a tool call start and finish, and replaces "validating" with the results', () => {
    let feed = applyFeedEvents(EMPTY_FEED, [at({ type: 'attempt_started', goalId: 1, attemptId: 1, model: MODEL_A, branch: 'b1' }), at({ type: 'model_text', goalId: 1, attemptId: 1, model: MODEL_A, text: 'old' })], 50);
    feed = applyFeedEvents(
      feed,
      [
        at({ type: 'attempt_started', goalId: 2, attemptId: 7, model: MODEL_A, branch: 'b2' }),
        at({ type: 'tool_started', attemptId: 7, seq: 1, tool: 'read_file', input: '{"path":"a.c"}' }),
        at({ type: 'tool_finished', attemptId: 7, seq: 1, tool: 'read_file', ok: false, durationMs: 5, exitCode: 2, observation: 'no such file' }),
        at({ type: 'validation_started', goalId: 2, attemptId: 7, commands: ['bazel build //...'] }),
      ],
      50,
    );
    expect(feed.attemptId).toBe(7);
    expect(feed.items).toEqual([
      { kind: 'tool', attemptId: 7, seq: 1, tool: 'read_file', input: '{"path":"a.c"}', ok: false, durationMs: 5, exitCode: 2, startedAt: '2026-01-01T00:00:00.000Z' },
      { kind: 'validating', goalId: 2, commands: ['bazel build //...'], startedAt: '2026-01-01T00:00:00.000Z' },
    ]);
    const result = { command: 'bazel build //...', ok: true, exitCode: 0, timedOut: false, durationMs: 10, digest: '' };
    feed = applyFeedEvents(feed, [at({ type: 'validation_finished', goalId: 2, attemptId: 7, ok: true, results: [result] })], 50);
    expect(feed.items.map((i) => i.kind)).toEqual(['tool', 'validation']);
  });

  it('keeps the session\'s opening notes above its first attempt, and only there', () => {
    const opening = { type: 'log', level: 'info', message: 'no OPENROUTER_API_KEY: using the built-in migrator; set it to use LLMs' } as const;
    let feed = applyFeedEvents(EMPTY_FEED, [at(opening), at({ type: 'attempt_started', goalId: 1, attemptId: 1, model: MODEL_A, branch: 'b1' })], 50);
    expect(feed.items).toEqual([{ kind: 'note', tone: 'info', text: opening.message }]);
    feed = applyFeedEvents(feed, [at({ type: 'attempt_started', goalId: 1, attemptId: 2, model: MODEL_A, branch: 'b2' })], 50);
    expect(feed.items).toEqual([]);
  });

  it('marks what was still running when the attempt ended as not finished', () => {
    const feed = applyFeedEvents(
      EMPTY_FEED,
      [
        at({ type: 'attempt_started', goalId: 2, attemptId: 7, model: MODEL_A, branch: 'b2' }),
        at({ type: 'tool_started', attemptId: 7, seq: 1, tool: 'bazel_build', input: '{}' }),
        at({ type: 'validation_started', goalId: 2, attemptId: 7, commands: ['bazel test //...'] }),
        at({ type: 'attempt_finished', goalId: 2, attemptId: 7, outcome: 'interrupted', reason: 'interrupted by the user' }),
      ],
      50,
    );
    expect(feed.outcome).toBe('interrupted');
    expect(feed.items).toEqual([
      expect.objectContaining({ kind: 'tool', stopped: true }),
      { kind: 'note', tone: 'warn', text: 'validation did not finish: bazel test //...' },
      { kind: 'note', tone: 'warn', text: 'attempt interrupted: interrupted by the user' },
    ]);
  });

  it('keeps only the newest items, however long the attempt', () => {
    const events = Array.from({ length: 500 }, (_, i) => at({ type: 'model_text', goalId: 1, attemptId: 1, model: MODEL_A, text: `message ${i}` }));
    const feed = applyFeedEvents(EMPTY_FEED, events, 20);
    expect(feed.items).toHaveLength(20);
    expect(feed.items.at(-1)).toMatchObject({ text: 'message 499' });
    expect(feed.attemptId).toBe(1);
  });
});

describe('keys', () => {
  it('maps keys to actions, and a burst read at once to one action per key', () => {
    expect(keysOf('j', NONE)).toEqual(['down']);
    expect(keysOf('', { ...NONE, upArrow: true })).toEqual(['up']);
    expect(keysOf('c', { ...NONE, ctrl: true })).toEqual(['interrupt']);
    expect(keysOf('jjk\r', NONE)).toEqual(['down', 'down', 'up', 'open']);
    expect(keysOf('wyz', NONE)).toEqual(['yes']);
  });

  it('steering keys: h a hint (not left: ←/→ move between tool calls), a approve, e edit, x reject', () => {
    expect(keysOf('haex', NONE)).toEqual(['hint', 'approve', 'edit', 'reject']);
    expect(keysOf('', { ...NONE, leftArrow: true })).toEqual(['left']);
  });
});

describe('windows', () => {
  it('moves a window as little as possible to keep the cursor in view with some context', () => {
    expect(scrollWindow(0, 5, 100, 10)).toBe(0);
    expect(scrollWindow(0, 8, 100, 10)).toBe(1);
    expect(scrollWindow(40, 41, 100, 10)).toBe(39);
    expect(scrollWindow(0, 99, 100, 10)).toBe(90);
    expect(scrollWindow(50, 3, 5, 10)).toBe(0);
    expect(moveCursor(3, -10, 5)).toBe(0);
    expect(moveCursor(3, 10, 5)).toBe(4);
    expect(clampScroll(500, 100, 30)).toBe(70);
  });
});

describe('text', () => {
  it('strips escape sequences and control characters, keeps what a carriage return drew last, expands tabs', () => {
    expect(sanitize('\u001b[31mred\u001b[0m \u001b]0;title\u0007ok\u0000')).toBe('red ok');
    expect(sanitize('10%\r50%\r100%\ndone\r\n')).toBe('100%\ndone\n');
    expect(sanitize('a\tb')).toBe('a   b');
  });

  it('measures, cuts and wraps by terminal cells', () => {
    expect(displayWidth('日本')).toBe(4);
    expect(truncate('hello world', 6)).toBe('hello…');
    expect(truncate('日本語テキスト', 5)).toBe('日本…');
    expect(truncateStart('/home/someone/repos/demo', 10)).toBe('…epos/demo');
    expect(spread('left side', 'right', 20)).toBe('left side      right');
    expect(wrapLine('the quick brown fox jumps', 10)).toEqual(['the quick', 'brown fox', 'jumps']);
    expect(wrapLine('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });

  it('says what a tool call is about in a few words, even from a cut-off input', () => {
    expect(shortInput('{"path":"lib/BUILD.bazel","content":"cc_library(\\n)\\n"}')).toBe('lib/BUILD.bazel content: 14 chars');
    expect(shortInput('{"targets":["//lib:greet","//app:all"]}')).toBe('//lib:greet //app:all');
    expect(shortInput('{"pattern":"cc_library","path":"lib"}')).toBe('lib cc_library');
    expect(shortInput('{"path":"MODULE.bazel","content":"module(name = \\"gre…')).toBe('MODULE.bazel');
  });
});

describe('documents', () => {
  it('tags diff lines for colour and marks where each file starts', () => {
    const doc = diffDocument(DIFF);
    const tone = (text: string) => doc.lines.find((l) => l.text === text)?.tone;
    expect(tone('+module(name = "greet_c")')).toBe('add');
    expect(tone('-removed line')).toBe('del');
    expect(tone('--- a/lib/old.txt')).toBe('heading');
    expect(tone('@@ -1,2 +1,1 @@')).toBe('hunk');
    expect(tone(' kept line')).toBeUndefined();
    expect(doc.sections.map((i) => doc.lines[i]!.text)).toEqual(['diff --git a/MODULE.bazel b/MODULE.bazel', 'diff --git a/lib/old.txt b/lib/old.txt']);
    expect(diffDocument(null).lines[0]!.text).toContain('no changes');
  });

  it('shows a tool call input field by field, multi-line values as blocks, then its output, wrapped to the width', () => {
    const action = {
      id: 1, attemptId: 1, seq: 1, toolName: 'write_file', inputPreview: '', inputChars: 40, ok: true, exitCode: null, durationMs: 3,
      startedAt: '', endedAt: '', outputChars: 7, input: { path: 'a.txt', content: 'line one\nline two\n' }, output: 'Created', observation: 'Created a.txt',
    };
    const doc = actionDocument(action, 'output');
    expect(doc.lines.map((l) => l.text)).toEqual(['input (40 chars)', '  path: a.txt', '  content:', '    │ line one', '    │ line two', '', expect.stringContaining('output (7 chars'), '  Created']);
    expect(actionDocument(action, 'observation').lines.at(-1)!.text).toBe('  Created a.txt');
    const wrapped = wrapDoc({ lines: [{ text: 'x'.repeat(25), tone: 'add' }], sections: [0] }, 10);
    expect(wrapped.lines).toEqual([{ text: 'x'.repeat(10), tone: 'add' }, { text: 'x'.repeat(10), tone: 'add' }, { text: 'x'.repeat(5), tone: 'add' }]);
  });
});

describe('LiveSession over a real session DB', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });

  /** The real store, with its goalTree() and eventsAfter() calls counted. */
  function counted(reader: SessionReader) {
    const calls = { goalTree: 0, events: 0 };
    const proxy = new Proxy(reader, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (prop === 'goalTree') return (...args: []) => (calls.goalTree++, target.goalTree(...args));
        if (prop === 'eventsAfter') {
          return (lastId: number, limit?: number) => {
            const rows = target.eventsAfter(lastId, limit);
            calls.events += rows.length;
            return rows;
          };
        }
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    return { proxy, calls };
  }

  it('opens a long session by reading only its latest events, and reloads the tree only for events that change it', () => {
    const temp = tempSessionsDir();
    const { b, ids, attempts } = buildDemoSession(temp.dir);
    cleanups.push(() => {
      b.close();
      temp.cleanup();
    });
    for (let i = 0; i < 1500; i++) b.text(ids.working, attempts.a5, MODEL_A, `thinking ${i}`);
    const { proxy, calls } = counted(b.store);
    const live = new LiveSession(proxy, { seedEvents: 100, feedLimit: 30 });
    expect(calls.events).toBe(100);
    expect(live.getSnapshot().feed.items).toHaveLength(30);
    // The seed window has no attempt_started: the running attempt is found in the store.
    expect(live.getSnapshot().feedAttempt).toMatchObject({ id: attempts.a5, number: 1, goalId: ids.working });
    expect(live.getSnapshot().currentGoalId).toBe(ids.working);

    const trees = calls.goalTree;
    b.text(ids.working, attempts.a5, MODEL_A, 'one more');
    expect(live.refresh()).toBe(true);
    expect(calls.goalTree).toBe(trees);
    expect(live.getSnapshot().feed.items.at(-1)).toMatchObject({ kind: 'text', text: 'one more' });
    b.finishGoal(ids.working, 'completed');
    live.refresh();
    expect(calls.goalTree).toBe(trees + 1);
    expect(live.getSnapshot().counts.completed).toBe(2);
    expect(live.refresh()).toBe(false);
  });

  it('keeps the last good data and reports the error when the DB cannot be read', () => {
    const temp = tempSessionsDir();
    const b = new SessionBuilder(temp.dir);
    const root = b.goal(null, 'root');
    const live = new LiveSession(b.store);
    b.close();
    cleanups.push(() => temp.cleanup());
    expect(live.refresh()).toBe(true);
    expect(live.getSnapshot().error).toMatch(/not open/);
    expect(live.getSnapshot().tree.map((g) => g.id)).toEqual([root]);
  });
});
