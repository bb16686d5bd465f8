import { expect, it } from 'vitest';
import { parseCommand } from '../../src/cli/args.js';
import { resolveModel } from '../../src/models/index.js';
import { firstShotModel } from '../../src/session/first-shot.js';
import { scriptModel } from '../helpers/fixture-repo.js';

const env = { OPENROUTER_API_KEY: 'sk-test' };
const llm = resolveModel('openrouter/anthropic/claude-sonnet-4.5', { role: 'a', env });
const script = resolveModel(scriptModel([{ text: 'hi' }]), { role: 'a', env });
const builtin = resolveModel('builtin', { role: 'a', env: {} });

it('the built-in migrator takes the first shot before an LLM model A, unless --no-first-shot', () => {
  expect(firstShotModel({ migrationCheck: true }, { a: llm, b: llm })?.spec).toBe('builtin');
  expect(firstShotModel({ firstShot: false, migrationCheck: true }, { a: llm, b: llm })).toBeNull();
});

it('a goal that is not a migration (--no-migration-check) gets no first shot', () => {
  expect(firstShotModel({ migrationCheck: false }, { a: llm, b: llm })).toBeNull();
  expect(firstShotModel({ firstShot: true, migrationCheck: false }, { a: llm, b: llm })).toBeNull();
});

it('scripted model A replays exactly what it says unless --first-shot; builtin as model A needs no first shot', () => {
  expect(firstShotModel({ migrationCheck: true }, { a: script, b: script })).toBeNull();
  expect(firstShotModel({ firstShot: true, migrationCheck: true }, { a: script, b: script })?.spec).toBe('builtin');
  expect(firstShotModel({ firstShot: true, migrationCheck: true }, { a: builtin, b: llm })).toBeNull();
});

it('--first-shot and --no-first-shot are read, and contradict each other', () => {
  const run = (args: string[]) => parseCommand(['goal', '/tmp/repo', ...args]);
  expect(run(['--first-shot'])).toMatchObject({ run: { firstShot: true } });
  expect(run(['--no-first-shot'])).toMatchObject({ run: { firstShot: false } });
  expect(() => run(['--first-shot', '--no-first-shot'])).toThrow(/contradict/);
  expect(() => run(['--first-shot', '--no-migration-check'])).toThrow(/needs the migration check/);
});
