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
/** Driver options that start the program elsewhere, leave the C runtime's start-up out, or hand the linker a script or a symbol to pull in. */
const DRIVER_REDIRECTS = /^-(?:nostartfiles|nostdlib|nodefaultlibs|e|T.*|u.*)$|^--(?:entry|wrap|defsym|script)(?:=|$)/;
/**
 * Linker options (ld takes long options with one dash or two) that wrap, redefine or replace
 * symbols, take symbols from elsewhere, lay the program out by a script, or start it elsewhere.
 * `-e` is the entry point unless it begins one of ld's long options.
 */
const LINKER_REDIRECTS =
  /^--?(?:wrap|defsym|entry|allow-multiple-definition|undefined|just-symbols|script)(?:=|$)|^-(?:T|R|u)|^-e(?!xport|h-frame|nable|mit|rror|nd-|xclude|mbedded)|^muldefs$/;
/**
 * Read-only places of the image: a program, directory or file there is the image's, not one a
 * build step, a repository rule or the migration's own files could have put there.
 */
export const SYSTEM_PATH = /^\/(?:usr|bin|sbin|lib|lib32|lib64|libx32|opt|etc)\/|^\/dev\/null$|^\/proc\/self\/cwd(?:\/|$)/;
/** Flags whose value only rewrites file names written into debug information. */
const PREFIX_MAP = /^-f(?:debug|file|macro|profile)-prefix-map=/;
/** Driver options that run other programs in the compiler's or linker's place, or load code into them. */
const FOREIGN_PROGRAMS = /^(?:-B|-wrapper$|--?specs(?:=|$)|-fplugin(?:=|-arg-)|-fpass-plugin=|--ld-path=|-fuse-ld=.*\/)/;
const RUNS_FOREIGN = "runs other programs or loads code in place of the toolchain's";

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
        // A macro's body is code wherever the macro is used: `#define CHECK(x) if (!(x)) fail()` uses fail.
        const body = directive[1] === 'define' ? /^\s*[A-Za-z_]\w*(?:\([^)]*\))?(.*)$/.exec(directive[2]!)?.[1] : undefined;
        for (const w of body?.match(/[A-Za-z_]\w*/g) ?? []) used.add(w);
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
  if (!toolchainProgram(tool)) {
    found.push({ flag: tool, why: `the compiler is ${tool || 'missing'}, not the toolchain's` });
  }
  found.push(...unseenInputs(action.args.slice(1)));
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
  if (action.mnemonic === 'CppLink' && !toolchainProgram(tool)) {
    found.push({ flag: tool, why: `the linker is ${tool || 'missing'}, not the toolchain's` });
  }
  const args = action.args.slice(1);
  for (const { flag, option } of linkerOptions(args)) {
    if (option === null ? DRIVER_REDIRECTS.test(flag) : LINKER_REDIRECTS.test(option)) found.push({ flag, why: 'changes which code the program runs' });
  }
  found.push(...unseenInputs(args));
  return dedupe(found);
}

/** A compiler or linker the toolchain set up: a compiler's name, neither in the repository nor built, nor a file a build could write. */
function toolchainProgram(tool: string): boolean {
  return COMPILER.test(tool) && !isWorkspaceFile(tool) && !tool.startsWith('bazel-out/') && (!tool.startsWith('/') || SYSTEM_PATH.test(tool));
}

/**
 * A driver's argv in order: each `-Wl,a,b` part and `-Xlinker a` as a linker option with the
 * argument that carried it, and every other argument as the driver's own (option null).
 */
function linkerOptions(args: readonly string[]): { flag: string; option: string | null }[] {
  const out: { flag: string; option: string | null }[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('-Wl,')) for (const part of a.slice(4).split(',')) out.push({ flag: a, option: part });
    else if (a === '-Xlinker') out.push({ flag: `-Xlinker ${args[i + 1] ?? ''}`, option: args[++i] ?? '' });
    else out.push({ flag: a, option: null });
  }
  return out;
}

/**
 * What a compile or link reads that Bazel does not track and the check cannot see: options read
 * from a response file, other programs run in the compiler's place (`-B`, `-wrapper`, specs,
 * plugins), and files named by an absolute path outside the image's system directories (the
 * workspace itself, a temporary directory: Bazel's own command lines use relative paths).
 */
function unseenInputs(args: readonly string[]): FlagFinding[] {
  const found: FlagFinding[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    // A define's value is judged as a define (a path in it is only text to the code).
    if (a === '-D' || a === '-U') i++;
    if (PREFIX_MAP.test(a) || /^-[DU]/.test(a)) continue;
    const parts = /^-W[lpa],/.test(a) ? a.slice(4).split(',') : [a];
    // `-Xclang A`, `-Xlinker A`...: the driver hands A on as it is.
    const carried = /^-X(?:clang|linker|assembler|preprocessor)$/.test(a) ? (args[i + 1] ?? '') : null;
    if (parts.some((p) => p.startsWith('@')) || carried?.startsWith('@')) {
      found.push({ flag: carried === null ? a : `${a} ${carried}`, why: 'reads more options from a file, which the check cannot see' });
      if (carried !== null) i++;
      continue;
    }
    if (a === '-Xclang' && /^-(?:load|plugin|add-plugin)$/.test(carried ?? '')) {
      found.push({ flag: `${a} ${carried}`, why: RUNS_FOREIGN });
      i++;
      continue;
    }
    if (FOREIGN_PROGRAMS.test(a)) {
      const dir = a === '-B' ? (args[++i] ?? '') : a.startsWith('-B') ? a.slice(2) : null;
      if (dir !== null && SYSTEM_PATH.test(dir)) continue;
      found.push({ flag: dir !== null ? `-B${dir}` : a, why: RUNS_FOREIGN });
      continue;
    }
    const named = parts.flatMap((p) => [p, p.replace(/^-[A-Za-z]+(?=\/)/, ''), p.slice(p.indexOf('=') + 1)]).filter((p) => p.startsWith('/') && !SYSTEM_PATH.test(p));
    if (named.length > 0) found.push({ flag: a, why: `names ${named[0]}, outside Bazel's inputs and the image's system directories` });
  }
  return found;
}

function dedupe(list: FlagFinding[]): FlagFinding[] {
  return list.filter((f, i) => list.findIndex((g) => g.flag === f.flag) === i);
}
