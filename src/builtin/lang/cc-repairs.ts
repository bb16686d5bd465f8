// C and C++ repairs from a failed `bazel build` digest: a header an include names but the
// including target cannot see, a symbol the linker could not resolve (the system library that
// has it, or the target holding the tracked source that defines it), and a macro the code needs
// that the original build defines on the compiler's command line.
import { classifyPath } from '../../migration/inventory/classify.js';
import { buildDefineValues } from '../../migration/inventory/test-support.js';
import { addTo, findFile, labelOf, ownerOf, ruleByLabel, within } from '../plan-edit.js';
import { relativeTo, type PlacedRule, type RepairContext } from './types.js';

const CC_HEADER = /\.(h|hh|hpp|hxx|inc|ipp|tpp)$/i;

/** Makes `header` visible to `user` as `#include "spelled"`: a dep on its owner and an include path. */
function exposeHeader(rc: RepairContext, user: PlacedRule, header: string, spelled: string): void {
  const owner = ownerOf(rc.packages, header);
  // The directory the include is found through: the header's path less what was spelled, cut at a
  // `/` (`./x.h` found as include/sub/x.h is include/sub, not the first 9 characters of it).
  const clean = spelled.replace(/^(\.\/)+/, '');
  const includeDir = header.endsWith(`/${clean}`) ? header.slice(0, -clean.length - 1) : '';
  const target = owner ?? (within(user.dir, header) ? user : null);
  if (target === null) return;
  if (owner === null) {
    const attr = user.rule.rule.kind === 'cc_library' && CC_HEADER.test(header) ? 'hdrs' : 'srcs';
    if (addTo(user.rule.rule.attrs, attr, relativeTo(user.dir, header))) {
      user.rule.covers.push(header);
      rc.done.push(`${header} added to ${attr} of //${user.dir}:${user.rule.rule.name}`);
    }
  } else if (owner.rule !== user.rule) {
    const label = labelOf(owner.dir, owner.rule.rule.name, user.dir);
    if (addTo(user.rule.rule.attrs, 'deps', label)) rc.done.push(`//${user.dir}:${user.rule.rule.name} now depends on ${label} for ${header}`);
  }
  // An include path must lie inside the package that declares it; the workspace root needs none.
  if (includeDir !== '' && (includeDir === target.dir || within(target.dir, includeDir))) {
    const rel = includeDir === target.dir ? '.' : relativeTo(target.dir, includeDir);
    if (addTo(target.rule.rule.attrs, 'includes', rel)) rc.done.push(`includes "${rel}" added to //${target.dir}:${target.rule.rule.name}`);
  }
}

const MISSING_INCLUDE = [
  /^\s*(\S+?):\d+:\d+: fatal error: (\S+?): No such file or directory/gm,
  /^\s*(\S+?):\d+:\d+: fatal error: '(\S+?)' file not found/gm,
];
const UNDECLARED = /missing dependency declarations for the following files included by '([^']+)':\s*\n?\s*'([^']+)'/g;

function repairIncludes(digest: string, rc: RepairContext): void {
  for (const pattern of MISSING_INCLUDE) {
    for (const m of digest.matchAll(pattern)) {
      const [source, spelled] = [m[1]!, m[2]!];
      const user = ownerOf(rc.packages, source);
      const header = user ? findFile(rc.tree, spelled, source) : null;
      if (user && header) exposeHeader(rc, user, header, spelled);
    }
  }
  for (const m of digest.matchAll(UNDECLARED)) {
    const user = ownerOf(rc.packages, m[1]!);
    if (user && rc.tree.paths.includes(m[2]!)) exposeHeader(rc, user, m[2]!, m[2]!);
  }
}

/** `Linking app/app failed: ... [//app:app]` and the undefined references in what follows it. */
const LINK_FAILED = /^ERROR: [^\n]*?Linking [^\n]*? failed:[^\n]*\[(\/\/[^\]\s]+)\]\s*$/gm;
const UNDEFINED = /undefined reference to [`'‘]([A-Za-z_]\w*)['’]/g;
/** What the C library leaves to a system library, by the symbols it has. */
const SYSTEM_SYMBOLS: [RegExp, string][] = [
  [/^(a?(sin|cos|tan)h?|atan2|sqrt|cbrt|hypot|pow|exp2?|expm1|log(2|10|1p)?|floor|ceil|trunc|l?l?round|l?l?rint|fabs|fmod|remainder|fmin|fmax|fdim|fma|frexp|ldexp|modf|copysign|nan|erfc?|[lt]gamma|nextafter|scalbl?n)[fl]?$/, '-lm'],
  [/^pthread_\w+$|^sem_(init|wait|post|destroy|open|close|trywait|timedwait)$/, '-pthread'],
  [/^dl(open|sym|close|error|addr)$/, '-ldl'],
  [/^(clock_gettime|clock_getres|timer_(create|settime|delete)|shm_(open|unlink))$/, '-lrt'],
];

/** Each ERROR line matching `start` with what follows it up to the next ERROR. */
function sections(digest: string, start: RegExp): { match: RegExpMatchArray; text: string }[] {
  const starts = [...digest.matchAll(start)];
  return starts.map((m, i) => ({ match: m, text: digest.slice(m.index! + m[0].length, starts[i + 1]?.index ?? digest.length).split(/\nERROR: /)[0]! }));
}

function repairLinks(digest: string, rc: RepairContext): void {
  for (const { match: m, text } of sections(digest, LINK_FAILED)) {
    const user = ruleByLabel(rc.packages, m[1]!);
    if (!user) continue;
    for (const symbol of new Set([...text.matchAll(UNDEFINED)].map((u) => u[1]!))) {
      const system = SYSTEM_SYMBOLS.find(([re]) => re.test(symbol))?.[1];
      if (system) {
        if (addTo(user.rule.rule.attrs, 'linkopts', system)) rc.done.push(`${m[1]} now links ${system} for ${symbol}`);
        continue;
      }
      const source = definingSource(rc, symbol);
      const owner = source ? ownerOf(rc.packages, source) : null;
      if (!source || !owner || owner.rule === user.rule || owner.rule.rule.kind !== 'cc_library') continue;
      const label = labelOf(owner.dir, owner.rule.rule.name, user.dir);
      if (addTo(user.rule.rule.attrs, 'deps', label)) rc.done.push(`${m[1]} now depends on ${labelOf(owner.dir, owner.rule.rule.name, '')} for ${symbol} (defined in ${source})`);
    }
  }
}

/** The one tracked C/C++ source that defines function or variable `symbol` at file scope, or null. */
function definingSource(rc: RepairContext, symbol: string): string | null {
  const { tree } = rc;
  const definition = new RegExp(`^[A-Za-z_][\\w \\t\\*]*\\b${symbol}\\s*(\\([^;{]*\\)\\s*\\{|(\\[[^\\]]*\\])?\\s*(=[^;]*)?;)`, 'm');
  const hits = tree.paths.filter((p) => /\.(c|cc|cpp|cxx)$/.test(p) && !tree.binary(p) && definition.test(tree.read(p).replace(/^\s*(extern|static)\b.*$/gm, '')));
  return hits.length === 1 ? hits[0]! : null;
}

const COMPILE_FAILED = /^ERROR: [^\n]*?Compiling (\S+) failed:[^\n]*?(?:\[(\/\/[^\]\s]+)\])?\s*$/gm;
/** gcc (C and C++) and clang naming an identifier nothing declares, and an `#error` line. */
const NOT_DECLARED = [
  /error: [`'‘]([A-Za-z_]\w*)['’] undeclared/g,
  /error: [`'‘]([A-Za-z_]\w*)['’] was not declared in this scope/g,
  /error: use of undeclared identifier [`'‘]([A-Za-z_]\w*)['’]/g,
];
const ERROR_DIRECTIVE = /error: #error\b(.*)$/gm;

/**
 * A compile that failed on an identifier nothing declares (or on an `#error`) that the original
 * build defines with -D: the define, with the one value the build files give it, goes into the
 * failing target's local_defines. A value the build computes from variables is not guessed.
 */
function repairDefines(digest: string, rc: RepairContext): void {
  const buildTexts = rc.tree.paths.filter((p) => classifyPath(p).kind === 'build' && !rc.tree.binary(p)).map((p) => rc.tree.read(p));
  for (const { match: m, text } of sections(digest, COMPILE_FAILED)) {
    const user = (m[2] ? ruleByLabel(rc.packages, m[2]) : null) ?? ownerOf(rc.packages, m[1]!);
    if (!user) continue;
    const named = new Set(NOT_DECLARED.flatMap((re) => [...text.matchAll(re)].map((u) => u[1]!)));
    for (const e of text.matchAll(ERROR_DIRECTIVE)) for (const w of e[1]!.matchAll(/\b[A-Za-z_]\w*\b/g)) named.add(w[0]);
    for (const name of named) {
      const values = buildDefineValues(buildTexts, name);
      if (values.length !== 1) continue;
      const define = values[0] === '' ? name : `${name}=${values[0]}`;
      if (addTo(user.rule.rule.attrs, 'local_defines', define)) rc.done.push(`//${user.dir}:${user.rule.rule.name} now defines ${define} as the original build does`);
    }
  }
}

export function repairCcBuild(digest: string, rc: RepairContext): void {
  repairIncludes(digest, rc);
  repairLinks(digest, rc);
  repairDefines(digest, rc);
}
