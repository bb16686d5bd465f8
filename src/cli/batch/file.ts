// The batch file: one repository per line, optionally followed by its goal.
//
//   # a comment (a line whose first non-blank character is #); blank lines are skipped
//   ../libfoo                          the default goal
//   /src/bar  Migrate to Bazel, keep the Makefile working
//   "my repo"  Migrate to Bazel        a path with spaces, in double quotes
//
// A relative path is read from the batch file's directory, so the file means the same from
// anywhere. This module only reads the text; whether each path is a repository is checked apart.

export interface BatchLine {
  /** 1-based line number in the file. */
  line: number;
  /** The path as written. */
  path: string;
  /** The goal written after the path, or null for the default. */
  goal: string | null;
}

export interface BatchLineError {
  line: number;
  message: string;
}

export function parseBatchFile(text: string): { lines: BatchLine[]; errors: BatchLineError[] } {
  const lines: BatchLine[] = [];
  const errors: BatchLineError[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const content = raw.trim();
    if (content === '' || content.startsWith('#')) return;
    const parsed = parseLine(content);
    if ('message' in parsed) errors.push({ line, message: parsed.message });
    else lines.push({ line, ...parsed });
  });
  return { lines, errors };
}

function parseLine(content: string): { path: string; goal: string | null } | { message: string } {
  let path: string;
  let rest: string;
  if (content.startsWith('"')) {
    const end = content.indexOf('"', 1);
    if (end === -1) return { message: 'the quoted path has no closing "' };
    path = content.slice(1, end);
    rest = content.slice(end + 1);
    if (rest !== '' && !/^\s/.test(rest)) return { message: 'put a space between the quoted path and the goal' };
  } else {
    const match = /^(\S+)(.*)$/.exec(content)!;
    path = match[1]!;
    rest = match[2]!;
    if (path.includes('"')) return { message: 'a path with a " in it cannot be written here; quote a path only whole ("my repo")' };
  }
  if (path.trim() === '') return { message: 'the quoted path is empty' };
  const goal = rest.trim();
  return { path, goal: goal === '' ? null : goal };
}
