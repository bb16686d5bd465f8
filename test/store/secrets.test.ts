import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { sanitizeOptions } from '../../src/store/index.js';
import { createSession, tempDir } from './helpers.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('options JSON never keeps secret-looking values', () => {
  const options = {
    maxCost: 5,
    validate: ['bazel build //...'],
    apiKey: 'abc',
    OPENROUTER_API_KEY: 'sk-or-v1-0123456789abcdef0123',
    authToken: 't',
    clientSecret: 's',
    dbPassword: 'p',
    endpoints: { a: 'https://user:hunter2@llm.example/v1', b: 'http://localhost:11434/v1', bKey: 'zzz' },
    header: 'Bearer abcdef',
    note: 'sk-proj-ABCDEFGHIJKLMNOPQRST',
  };

  it('sanitizeOptions drops secret keys at any depth, key-shaped values and URL credentials', () => {
    const { options: clean, dropped } = sanitizeOptions(options);
    expect(clean).toEqual({
      maxCost: 5,
      validate: ['bazel build //...'],
      endpoints: { a: 'https://llm.example/v1', b: 'http://localhost:11434/v1' },
    });
    expect(dropped).toEqual(
      expect.arrayContaining(['apiKey', 'OPENROUTER_API_KEY', 'authToken', 'clientSecret', 'dbPassword', 'endpoints.bKey', 'header', 'note']),
    );
  });

  it('looks inside arrays too: key-shaped items, URLs with credentials, objects with secret keys', () => {
    const { options: clean, dropped } = sanitizeOptions({
      validate: ['bazel build //...', 'sk-or-v1-0123456789abcdef0123'],
      endpoints: [{ url: 'https://llm.example/v1', apiKey: 'zzz' }, ['Bearer abcdef']],
    });
    expect(clean).toEqual({
      validate: ['bazel build //...'],
      endpoints: [{ url: 'https://llm.example/v1' }, []],
    });
    expect(dropped).toEqual(expect.arrayContaining(['validate[1]', 'endpoints[0].apiKey', 'endpoints[1][0]']));
    expect(sanitizeOptions({ endpoints: ['https://u:hunter2@llm.example/v1'] }).options).toEqual({ endpoints: ['https://llm.example/v1'] });
  });

  it('what reaches the DB file has none of them, on create and on setOptions', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const store = createSession(t.dir, { options });
    store.setOptions({ ...options, maxCost: 10 });
    const path = store.path;
    store.close();
    const db = new Database(path, { readonly: true });
    const json = db.prepare('SELECT options FROM session').pluck().get() as string;
    db.close();
    for (const secret of ['abc', 'sk-or-v1', 'hunter2', 'Bearer', 'sk-proj', '"t"', '"s"', '"p"', 'zzz']) {
      expect(json).not.toContain(secret);
    }
    expect(JSON.parse(json)).toMatchObject({ maxCost: 10 });
  });
});
