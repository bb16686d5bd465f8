// `--help` and the README's options table tell the same story: every option the parser accepts is
// in `--help`, every option `--help` prints is a row of the README's table, and where `--help`
// names a default the row names the same one.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OPTIONS } from '../../src/cli/args.js';
import { HELP } from '../../src/cli/help.js';

const README = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../README.md'), 'utf8');

/** Each option `--help` describes on a line of its own, with the text up to the next one. */
function helpOptions(): Map<string, string> {
  const out = new Map<string, string>();
  let current: string[] = [];
  for (const line of HELP.split('\n')) {
    const m = /^ {2}(?:-\w, )?(--[\w-]+)(?:[ ,]|$)/.exec(line);
    if (m) {
      current = [m[1]!, ...[...line.matchAll(/, (--[\w-]+)/g)].map((x) => x[1]!).filter((o) => o !== m[1])];
      for (const o of current) out.set(o, line);
    } else if (/^ {20,}\S/.test(line)) {
      for (const o of current) out.set(o, `${out.get(o)} ${line.trim()}`);
    } else current = [];
  }
  return out;
}

/** Each row of the README's options table: the options its first cell names, and its default cell. */
function readmeRows(): Map<string, string> {
  const table = README.slice(README.indexOf('### Options'));
  const out = new Map<string, string>();
  for (const line of table.split('\n').slice(1)) {
    if (line.startsWith('###')) break;
    const cells = line.split(/(?<!\\)\|/).map((c) => c.trim());
    if (cells.length < 4) continue;
    for (const o of cells[1]!.matchAll(/`(--[\w-]+)/g)) out.set(o[1]!, cells[2]!);
  }
  return out;
}

/** The first word after "default" in a help text, without what punctuates it. */
function helpDefault(text: string): string | null {
  const m = /\(default:? ([^\s;,)]+)/.exec(text) ?? /\bdefault:? ([^\s;,)]+)/.exec(text);
  if (!m || m[1] === 'with' || m[1] === 'none;') return null;
  return m[1]!.replace(/[:.]$/, '').replace(/^\$/, '');
}

describe('--help and the README', () => {
  const help = helpOptions();
  const rows = readmeRows();

  it('--help describes every option the command line accepts', () => {
    const accepted = Object.keys(OPTIONS).map((o) => `--${o}`);
    // --list and --resume are described in the usage lines, the rest each on a line of its own.
    expect(accepted.filter((o) => !help.has(o) && !new RegExp(`^ {2}shots-on-goal ${o}\\b`, 'm').test(HELP))).toEqual([]);
  });

  it('every option --help prints is a row of the README options table', () => {
    expect([...help.keys()].filter((o) => !rows.has(o))).toEqual([]);
  });

  it('with the same default', () => {
    const differing: string[] = [];
    for (const [option, text] of help) {
      const wanted = helpDefault(text);
      if (wanted === null) continue;
      const cell = rows.get(option) ?? '';
      if (!cell.replace(/`/g, '').includes(wanted)) differing.push(`${option}: --help says ${wanted}, the README says ${cell || 'nothing'}`);
    }
    expect(differing).toEqual([]);
    // The parser found defaults to compare, so the comparison is not empty by accident.
    expect([...help.values()].filter((t) => helpDefault(t) !== null).length).toBeGreaterThan(10);
  });
});
