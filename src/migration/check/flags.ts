// Compile and link settings that change what a test runs without touching its text: a macro
// that renames or replaces a symbol the test or the code it tests defines (`-Dmain=unused`),
// assertions compiled out (`NDEBUG`, which `-c opt` brings too), a file forced into every
// compile, a linker told to wrap, redefine or start elsewhere, or a compiler that is not the
// toolchain's. Read from the command lines Bazel actually ran, wherever the setting came from.
import path from 'node:path';
import type { Action } from '../../bazel/aquery.js';
import { stripCLike } from '../inventory/counters.js';
import { isWorkspaceFile } from './test-programs.js';

/** The toolchain's own defines (Bazel's reproducibility flags), exactly as it passes them. */
const TOOLCHAIN_DEFINES = new Set(['__DATE__="redacted"', '__TIMESTAMP__="redacted"', '__TIME__="redacted"']);
const COMPILER = /^(?:.*\/)?(?:[\w.-]+-)?(?:gcc|g\+\+|cc|c\+\+|clang|clang\+\+|clang-cl|cl)(?:-\d+(?:\.\d+)*)?$|(?:^|\/)cc_wrapper\.sh$/;
const LINK_REDIRECTS =
  /^-Wl,.*(?:--wrap|--defsym|--entry|-e,|--allow-multiple-definition|muldefs|--undefined|-u,|--just-symbols|-R,|--script|-T,)|^-(?:nostartfiles|nostdlib|nodefaultlibs|e|Wl,-e)$|^--(?:entry|wrap|defsym)/;

/** The preprocessor's own view of an argv: gcc hands it `-Wp,A,B` and `-Xpreprocessor A` as if given alone. */
function preprocessorArgs(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const long = /^--(define|undefine)-macro(?:=(.*))?$/.exec(a);
    if (a.startsWith('-Wp,')) out.push(...a.slice(4).split(','));
    else if (a === '-Xpreprocessor' || a === '-Xclang') out.push(args[++i] ?? '');
    else if (long) out.push(`-${long[1] === 'define' ? 'D' : 'U'}${long[2] ?? ''}`);
    else out.push(a);
  }
  return out;
}

export interface FlagFinding {
  flag: string;
  why: string;
}

/** `-DNAME=V`, `-D NAME=V`, `-UNAME` in an argv: the macro name and the whole definition. */
export function defines(args: readonly string[]): { flag: string; name: string; undefine: boolean; definition: string }[] {
  const out: { flag: string; name: string; undefine: boolean; definition: string }[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const m = /^-([DU])(.*)$/.exec(a);
    if (!m) continue;
    const definition = m[2] === '' ? (args[++i] ?? '') : m[2]!;
    const name = /^[A-Za-z_]\w*/.exec(definition)?.[0];
    if (name) out.push({ flag: m[2] === '' ? `-${m[1]} ${definition}` : a, name, undefine: m[1] === 'U', definition });
  }
  return out;
}

/** What the code's own text does with identifiers: uses them in code, or only tests them in `#if`. */
export interface CodeNames {
  /** Identifiers used outside preprocessor lines. */
  used: Set<string>;
  /** Identifiers a preprocessor conditional tests (`#ifdef X`, `#if defined(X)`, `#ifndef X`). */
  tested: Set<string>;
}

export function codeNames(texts: Iterable<string>): CodeNames {
  const used = new Set<string>();
  const tested = new Set<string>();
  for (const text of texts) {
    const code = stripCLike(text);
    for (const line of code.replace(/\\\n/g, ' ').split('\n')) {
      const directive = /^\s*#\s*(\w+)(.*)$/.exec(line);
      if (directive) {
        if (/^(?:if|ifdef|ifndef|elif|elifdef|elifndef)$/.test(directive[1]!)) for (const w of directive[2]!.match(/[A-Za-z_]\w*/g) ?? []) tested.add(w);
        continue;
      }
      for (const w of line.match(/[A-Za-z_]\w*/g) ?? []) used.add(w);
    }
  }
  return { used, tested };
}

/**
 * The settings of one compile action that change what the code means: NDEBUG defined (unless the
 * original build defines it), and a macro naming an identifier the code uses that no conditional
 * of the code asks about and the original build does not define.
 */
export function compileFlagFindings(action: Action, names: CodeNames, buildDefines: ReadonlySet<string>): FlagFinding[] {
  const found: FlagFinding[] = [];
  const tool = action.args[0] ?? '';
  if (!COMPILER.test(tool) || isWorkspaceFile(tool) || tool.startsWith('bazel-out/')) {
    found.push({ flag: tool, why: `the compiler is ${tool || 'missing'}, not the toolchain's` });
  }
  const args = preprocessorArgs(action.args);
  for (const d of defines(args)) {
    if (TOOLCHAIN_DEFINES.has(d.definition) || buildDefines.has(d.name)) continue;
    if (d.name === 'NDEBUG' && !d.undefine) {
      found.push({ flag: d.flag, why: 'NDEBUG compiles assert() out (-c opt defines it too)' });
    } else if (names.used.has(d.name) && !names.tested.has(d.name)) {
      found.push({ flag: d.flag, why: `${d.undefine ? 'undefines' : 'redefines'} ${d.name}, which the code uses` });
    }
  }
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-include' || a === '-imacros' || a.startsWith('--include=') || a.startsWith('-include') && a.length > 8) {
      const file = a === '-include' || a === '-imacros' ? (args[i + 1] ?? '') : a.replace(/^(?:--include=|-include)/, '');
      found.push({ flag: `${a}${a === '-include' || a === '-imacros' ? ` ${file}` : ''}`, why: `forces ${path.posix.basename(file) || 'a file'} into every compile` });
    }
  }
  return dedupe(found);
}

/** A link that wraps, redefines or replaces symbols, or starts the program somewhere else. */
export function linkFlagFindings(action: Action): FlagFinding[] {
  const found: FlagFinding[] = [];
  const tool = action.args[0] ?? '';
  if (action.mnemonic === 'CppLink' && (!COMPILER.test(tool) || isWorkspaceFile(tool) || tool.startsWith('bazel-out/'))) {
    found.push({ flag: tool, why: `the linker is ${tool || 'missing'}, not the toolchain's` });
  }
  for (const a of action.args) if (LINK_REDIRECTS.test(a)) found.push({ flag: a, why: 'changes which code the program runs' });
  return dedupe(found);
}

function dedupe(list: FlagFinding[]): FlagFinding[] {
  return list.filter((f, i) => list.findIndex((g) => g.flag === f.flag) === i);
}
