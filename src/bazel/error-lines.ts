// Bazel's ERROR lines (from the build event progress text, or the console when there is no
// event file), condensed: paths relative to the repository, action command lines cut, summary
// lines and duplicates dropped.
import { WORKSPACE } from '../runtime/types.js';

const WORKSPACE_PREFIX = new RegExp(`(^|[\\s'"(=])${WORKSPACE}/`, 'g');

/** `/workspace/lib/x.c` → `lib/x.c`, so the model can pass paths straight to read_file. */
export function relativizeWorkspace(text: string): string {
  return text.replace(WORKSPACE_PREFIX, '$1');
}

// Lines that only restate the exit code, which the digest's first line already gives.
const VERDICT_ONLY = [
  /^Build did NOT complete successfully/,
  /^command succeeded, but there were/,
  /^Build failed\. Not running target/,
  /^Couldn't start the build\. Unable to run tests/,
  /^No test targets were found, yet testing was requested/,
];

export interface ErrorLine {
  /** `lib/BUILD.bazel:3:11`, or null when Bazel gave no location. */
  location: string | null;
  message: string;
  /** Index in the source text's lines, to find what follows it. */
  lineIndex: number;
  /** The label in "(from target //x)", for action failures. */
  fromTarget: string | null;
}

// A file location (has a dot or slash, optional :line:col) before the message.
const LOCATED = /^([^\s:]*[./][^\s:]*(?::\d+)*): (.*)$/;

/**
 * A failed action's ERROR line ends with the tool and its whole command line:
 * "Compiling x.c failed: (Exit 1): gcc failed: error executing CppCompile command (from target
 * //lib:x) /usr/bin/gcc ...". Keep "Compiling x.c failed: (Exit 1)" and the label.
 */
function shortenActionMessage(message: string): { message: string; fromTarget: string | null } {
  const from = /\(from target ([^)\s]+)\)/.exec(message);
  let cut = message.indexOf(': error executing ');
  if (cut !== -1) {
    const exit = /^.*? failed: \((?:Exit \d+|[^)]*)\)/.exec(message);
    if (exit !== null && exit[0].length < cut) cut = exit[0].length;
  }
  return { message: cut === -1 ? message : message.slice(0, cut), fromTarget: from?.[1] ?? null };
}

export function parseErrorLines(text: string): ErrorLine[] {
  const lines = text.split('\n');
  const found: ErrorLine[] = [];
  lines.forEach((line, lineIndex) => {
    if (!line.startsWith('ERROR: ')) return;
    const body = relativizeWorkspace(line.slice('ERROR: '.length).trimEnd());
    if (VERDICT_ONLY.some((re) => re.test(body))) return;
    const located = LOCATED.exec(body);
    const { message, fromTarget } = shortenActionMessage(located ? (located[2] ?? '') : body);
    found.push({ location: located ? (located[1] ?? null) : null, message, lineIndex, fromTarget });
  });
  // Drop a line whose message another line repeats with more detail (e.g. the same "no such
  // target" once without and once with the referencing BUILD location).
  const withLocation = found.some((e) => e.location !== null);
  return found.filter((e, i) => {
    if (withLocation && e.location === null && /^package contains errors: /.test(e.message)) return false;
    return !found.some(
      (other, j) =>
        j !== i &&
        other.message.startsWith(e.message) &&
        (other.message.length > e.message.length || (j < i && other.location === e.location)),
    );
  });
}

export function formatErrorLine(e: ErrorLine): string {
  const target = e.fromTarget !== null && !e.message.includes(e.fromTarget) ? ` [${e.fromTarget}]` : '';
  return `ERROR: ${e.location ? `${e.location}: ` : ''}${e.message}${target}`;
}

// gcc/clang's source excerpt (" 7 | code", "   | ^~~~") and context lines ("x.c: In function
// 'f':"): file:line:col and the message already say where and what, and read_file shows the code.
const DECORATION = /^\s*\d*\s+\|(\s|$)|: In (static |member )?function .*:$|: At (top|global) level:$/;
const BOILERPLATE = [/^Use --sandbox_debug to see verbose messages/, /^Use --verbose_failures to see/, /^Target \/\/\S+ failed to build$/];

/** The first lines of a failing action's stderr worth showing. */
export function stderrHead(text: string, maxLines: number, maxChars: number): string[] {
  const out: string[] = [];
  let used = 0;
  for (const raw of relativizeWorkspace(text).split('\n')) {
    const line = raw.trimEnd();
    if (line === '' || DECORATION.test(line) || BOILERPLATE.some((re) => re.test(line))) continue;
    if (out.length >= maxLines || used + line.length > maxChars) {
      out.push('…');
      break;
    }
    out.push(line);
    used += line.length + 1;
  }
  return out;
}

/** Console lines that follow an ERROR line (its action's output), up to the next Bazel message. */
export function linesAfter(text: string, lineIndex: number): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = lineIndex + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^(ERROR|WARNING|INFO|FAIL|DEBUG): /.test(line) || /^Use --verbose_failures/.test(line)) break;
    out.push(line);
  }
  return out.join('\n');
}
