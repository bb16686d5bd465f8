// CMake's command syntax, read as CMake reads it: `name(arguments)` with quoted arguments
// ("..." with escapes), bracket arguments ([[...]], [=[...]=]), unquoted arguments with nested
// parentheses, and line and bracket comments. Arguments are kept raw (variables unexpanded) with
// whether each was quoted: a quoted argument is one value, an unquoted one splits on ';'.

export interface CMakeArg {
  text: string;
  quoted: boolean;
}

export interface CMakeCommand {
  /** Lower-cased: CMake command names are case-insensitive. */
  name: string;
  args: CMakeArg[];
  line: number;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', ';': '\\;' };

export function parseCMake(text: string): CMakeCommand[] {
  const out: CMakeCommand[] = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  const bracketClose = (at: number): { end: number; level: string } | null => {
    const m = /^\[(=*)\[/.exec(text.slice(at, at + 64));
    if (!m) return null;
    const close = `]${m[1]}]`;
    const end = text.indexOf(close, at + m[0].length);
    return { end: end === -1 ? n : end + close.length, level: m[1]! };
  };
  const skipSpaceAndComments = () => {
    while (i < n) {
      const c = text[i]!;
      if (c === '\n') {
        line++;
        i++;
      } else if (c === ' ' || c === '\t' || c === '\r') i++;
      else if (c === '#') {
        const bracket = bracketClose(i + 1);
        const end = bracket ? bracket.end : text.indexOf('\n', i) === -1 ? n : text.indexOf('\n', i);
        line += countLines(text, i, end);
        i = end;
      } else break;
    }
  };

  while (i < n) {
    skipSpaceAndComments();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i, i + 128));
    if (!m) {
      i++;
      continue;
    }
    const name = m[0].toLowerCase();
    const at = line;
    i += m[0].length;
    while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
    if (text[i] !== '(') continue;
    i++;
    const args: CMakeArg[] = [];
    let depth = 1;
    while (i < n && depth > 0) {
      skipSpaceAndComments();
      const c = text[i];
      if (c === undefined) break;
      if (c === ')') {
        depth--;
        i++;
        if (depth > 0) args.push({ text: ')', quoted: false });
        continue;
      }
      if (c === '(') {
        depth++;
        i++;
        args.push({ text: '(', quoted: false });
        continue;
      }
      if (c === '"') {
        let value = '';
        i++;
        while (i < n && text[i] !== '"') {
          if (text[i] === '\\' && i + 1 < n) {
            const e = text[i + 1]!;
            if (e === '\n') line++;
            value += e === '\n' ? '' : (ESCAPES[e] ?? e);
            i += 2;
          } else {
            if (text[i] === '\n') line++;
            value += text[i];
            i++;
          }
        }
        i++;
        args.push({ text: value, quoted: true });
        continue;
      }
      const bracket = c === '[' ? bracketClose(i) : null;
      if (bracket) {
        const open = 2 + bracket.level.length;
        const body = text.slice(i + open, bracket.end - open).replace(/^\n/, '');
        line += countLines(text, i, bracket.end);
        i = bracket.end;
        args.push({ text: body, quoted: true });
        continue;
      }
      let value = '';
      while (i < n && !/[\s()#]/.test(text[i]!) && !(text[i] === '"' && value === '')) {
        if (text[i] === '"') {
          // A quote inside an unquoted argument (`NAME="${V}"`) is CMake's legacy form: kept, quotes and all.
          const close = text.indexOf('"', i + 1);
          const end = close === -1 ? n : close + 1;
          value += text.slice(i, end);
          i = end;
        } else if (text[i] === '\\' && i + 1 < n) {
          value += ESCAPES[text[i + 1]!] ?? text[i + 1];
          i += 2;
        } else value += text[i++];
      }
      if (value !== '') args.push({ text: value, quoted: false });
      else i++;
    }
    out.push({ name, args, line: at });
  }
  return out;
}

function countLines(text: string, from: number, to: number): number {
  let count = 0;
  for (let k = from; k < to; k++) if (text[k] === '\n') count++;
  return count;
}
