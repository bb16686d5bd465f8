// The batch file's syntax, as a table: the rules without processes, engines or repositories.
import { describe, expect, it } from 'vitest';
import { parseBatchFile } from '../../../src/cli/batch/file.js';

describe('the batch file', () => {
  it('reads a path per line, the rest of the line as its goal; comments and blank lines are skipped', () => {
    const text = ['# repositories to migrate', '', '../libfoo', '  /src/bar   Migrate to Bazel,  keep make  ', '"../my repo"  Migrate it', '"../quoted"', '\t# indented comment', 'a/b#c goal # with a hash', ''].join('\n');
    expect(parseBatchFile(text)).toEqual({
      lines: [
        { line: 3, path: '../libfoo', goal: null },
        { line: 4, path: '/src/bar', goal: 'Migrate to Bazel,  keep make' },
        { line: 5, path: '../my repo', goal: 'Migrate it' },
        { line: 6, path: '../quoted', goal: null },
        { line: 8, path: 'a/b#c', goal: 'goal # with a hash' },
      ],
      errors: [],
    });
  });

  it('reads CRLF files as LF ones', () => {
    expect(parseBatchFile('a goal\r\nb\r\n').lines).toEqual([
      { line: 1, path: 'a', goal: 'goal' },
      { line: 2, path: 'b', goal: null },
    ]);
  });

  it.each([
    ['"../my repo  goal', 'the quoted path has no closing "'],
    ['"../a"goal', 'put a space between the quoted path and the goal'],
    ['""  goal', 'the quoted path is empty'],
    ['my"repo goal', 'a path with a " in it cannot be written here; quote a path only whole ("my repo")'],
  ])('refuses %s with its line number', (line, message) => {
    expect(parseBatchFile(`ok\n${line}\n`)).toEqual({ lines: [{ line: 1, path: 'ok', goal: null }], errors: [{ line: 2, message }] });
  });
});
