// Meson's build language as a tree, for reading a project's intent (never for running it):
// assignments, if/elif/else, foreach, function and method calls with keyword arguments, arrays,
// dictionaries, strings (plain, multi-line and f-strings) and the usual operators.

export type Expr =
  | { t: 'str'; v: string; f?: boolean }
  | { t: 'num'; v: number }
  | { t: 'bool'; v: boolean }
  | { t: 'id'; name: string }
  | { t: 'array'; items: Expr[] }
  | { t: 'dict'; entries: [Expr, Expr][] }
  | { t: 'call'; name: string; args: Expr[]; kwargs: Record<string, Expr> }
  | { t: 'method'; target: Expr; name: string; args: Expr[]; kwargs: Record<string, Expr> }
  | { t: 'index'; target: Expr; index: Expr }
  | { t: 'binary'; op: string; left: Expr; right: Expr }
  | { t: 'unary'; op: string; operand: Expr }
  | { t: 'ternary'; cond: Expr; then: Expr; else: Expr };

export type Stmt =
  | { t: 'expr'; expr: Expr; line: number }
  | { t: 'assign'; name: string; op: '=' | '+='; value: Expr; line: number }
  | { t: 'if'; branches: { cond: Expr | null; body: Stmt[] }[]; line: number }
  | { t: 'foreach'; names: string[]; items: Expr; body: Stmt[]; line: number }
  | { t: 'break' | 'continue'; line: number };

interface Token {
  k: 'id' | 'str' | 'fstr' | 'num' | 'op' | 'nl' | 'eof';
  v: string;
  line: number;
}

const OPS = ['+=', '==', '!=', '<=', '>=', '=', '+', '-', '*', '/', '%', '<', '>', '(', ')', '[', ']', '{', '}', ',', ':', '.', '?'];

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  let depth = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') {
      if (depth === 0) out.push({ k: 'nl', v: '', line });
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') i++;
    else if (c === '\\' && text[i + 1] === '\n') i += 2;
    else if (c === '#') while (i < text.length && text[i] !== '\n') i++;
    else if (text.startsWith("'''", i) || text.startsWith("f'''", i)) {
      const f = c === 'f';
      const start = i + (f ? 4 : 3);
      const end = text.indexOf("'''", start);
      const v = text.slice(start, end === -1 ? text.length : end);
      line += v.split('\n').length - 1;
      out.push({ k: f ? 'fstr' : 'str', v, line });
      i = end === -1 ? text.length : end + 3;
    } else if (c === "'" || (c === 'f' && text[i + 1] === "'")) {
      const f = c === 'f';
      let j = i + (f ? 2 : 1);
      let v = '';
      while (j < text.length && text[j] !== "'" && text[j] !== '\n') {
        if (text[j] === '\\' && j + 1 < text.length) {
          const e = text[j + 1]!;
          v += e === 'n' ? '\n' : e === 't' ? '\t' : e;
          j += 2;
        } else v += text[j++];
      }
      out.push({ k: f ? 'fstr' : 'str', v, line });
      i = j + 1;
    } else if (/[0-9]/.test(c)) {
      const m = /^(0x[0-9a-fA-F]+|0o[0-7]+|0b[01]+|\d+)/.exec(text.slice(i))!;
      out.push({ k: 'num', v: m[0], line });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_]\w*/.exec(text.slice(i))!;
      out.push({ k: 'id', v: m[0], line });
      i += m[0].length;
    } else {
      const op = OPS.find((o) => text.startsWith(o, i));
      if (!op) {
        i++;
        continue;
      }
      if ('([{'.includes(op)) depth++;
      if (')]}'.includes(op)) depth = Math.max(0, depth - 1);
      out.push({ k: 'op', v: op, line });
      i += op.length;
    }
  }
  out.push({ k: 'nl', v: '', line }, { k: 'eof', v: '', line });
  return out;
}

/** Parses a meson.build file; a statement it cannot parse is skipped to the end of its line. */
export function parseMeson(text: string): Stmt[] {
  const toks = tokenize(text);
  let p = 0;
  const peek = () => toks[p]!;
  const next = () => toks[p++]!;
  const isOp = (v: string) => peek().k === 'op' && peek().v === v;
  const isId = (v: string) => peek().k === 'id' && peek().v === v;
  const expectOp = (v: string) => {
    if (!isOp(v)) throw new Error(`expected ${v} on line ${peek().line}`);
    p++;
  };

  const callArgs = (close: string): { args: Expr[]; kwargs: Record<string, Expr> } => {
    const args: Expr[] = [];
    const kwargs: Record<string, Expr> = {};
    while (!isOp(close)) {
      if (peek().k === 'id' && toks[p + 1]?.k === 'op' && toks[p + 1]!.v === ':') {
        const name = next().v;
        p++;
        kwargs[name] = expr();
      } else args.push(expr());
      if (!isOp(',')) break;
      p++;
    }
    expectOp(close);
    return { args, kwargs };
  };

  const primary = (): Expr => {
    const tok = next();
    let e: Expr;
    if (tok.k === 'str') e = { t: 'str', v: tok.v };
    else if (tok.k === 'fstr') e = { t: 'str', v: tok.v, f: true };
    else if (tok.k === 'num') e = { t: 'num', v: Number(tok.v) };
    else if (tok.k === 'id' && (tok.v === 'true' || tok.v === 'false')) e = { t: 'bool', v: tok.v === 'true' };
    else if (tok.k === 'id') {
      if (isOp('(')) {
        p++;
        e = { t: 'call', name: tok.v, ...callArgs(')') };
      } else e = { t: 'id', name: tok.v };
    } else if (tok.k === 'op' && tok.v === '(') {
      e = expr();
      expectOp(')');
    } else if (tok.k === 'op' && tok.v === '[') {
      e = { t: 'array', items: callArgs(']').args };
    } else if (tok.k === 'op' && tok.v === '{') {
      const entries: [Expr, Expr][] = [];
      while (!isOp('}')) {
        const key = expr();
        expectOp(':');
        entries.push([key, expr()]);
        if (!isOp(',')) break;
        p++;
      }
      expectOp('}');
      e = { t: 'dict', entries };
    } else throw new Error(`unexpected ${tok.v || tok.k} on line ${tok.line}`);
    for (;;) {
      if (isOp('.')) {
        p++;
        const name = next().v;
        expectOp('(');
        e = { t: 'method', target: e, name, ...callArgs(')') };
      } else if (isOp('[')) {
        p++;
        const index = expr();
        expectOp(']');
        e = { t: 'index', target: e, index };
      } else return e;
    }
  };

  const unary = (): Expr => {
    if (isId('not') || isOp('-')) {
      const op = next().v;
      return { t: 'unary', op, operand: unary() };
    }
    return primary();
  };
  const LEVELS = [['or'], ['and'], ['==', '!=', '<', '>', '<=', '>=', 'in', 'not in'], ['+', '-'], ['*', '/', '%']];
  const binary = (level: number): Expr => {
    if (level === LEVELS.length) return unary();
    let left = binary(level + 1);
    for (;;) {
      const tok = peek();
      let op = tok.v;
      if (op === 'not' && toks[p + 1]?.v === 'in') op = 'not in';
      if (!LEVELS[level]!.includes(op) || (tok.k !== 'op' && tok.k !== 'id')) return left;
      p += op === 'not in' ? 2 : 1;
      left = { t: 'binary', op, left, right: binary(level + 1) };
    }
  };
  const expr = (): Expr => {
    const cond = binary(0);
    if (!isOp('?')) return cond;
    p++;
    const then = expr();
    expectOp(':');
    return { t: 'ternary', cond, then, else: expr() };
  };

  const block = (ends: string[]): Stmt[] => {
    const body: Stmt[] = [];
    for (;;) {
      while (peek().k === 'nl') p++;
      if (peek().k === 'eof' || (peek().k === 'id' && ends.includes(peek().v))) return body;
      const start = p;
      try {
        const s = statement();
        if (s) body.push(s);
      } catch {
        p = start;
        while (peek().k !== 'nl' && peek().k !== 'eof') p++;
      }
    }
  };

  const statement = (): Stmt | null => {
    const tok = peek();
    const line = tok.line;
    if (tok.k === 'id' && tok.v === 'if') {
      const branches: { cond: Expr | null; body: Stmt[] }[] = [];
      p++;
      branches.push({ cond: expr(), body: block(['elif', 'else', 'endif']) });
      while (isId('elif')) {
        p++;
        branches.push({ cond: expr(), body: block(['elif', 'else', 'endif']) });
      }
      if (isId('else')) {
        p++;
        branches.push({ cond: null, body: block(['endif']) });
      }
      if (isId('endif')) p++;
      return { t: 'if', branches, line };
    }
    if (tok.k === 'id' && tok.v === 'foreach') {
      p++;
      const names = [next().v];
      while (isOp(',')) {
        p++;
        names.push(next().v);
      }
      expectOp(':');
      const items = expr();
      const body = block(['endforeach']);
      if (isId('endforeach')) p++;
      return { t: 'foreach', names, items, body, line };
    }
    if (tok.k === 'id' && (tok.v === 'break' || tok.v === 'continue')) {
      p++;
      return { t: tok.v, line };
    }
    if (tok.k === 'id' && toks[p + 1]?.k === 'op' && (toks[p + 1]!.v === '=' || toks[p + 1]!.v === '+=')) {
      p++;
      const op = next().v as '=' | '+=';
      return { t: 'assign', name: tok.v, op, value: expr(), line };
    }
    return { t: 'expr', expr: expr(), line };
  };

  return block([]);
}
