// Where a Python project says its tests are: pytest's testpaths and python_files (pytest.ini,
// pyproject.toml, tox.ini, setup.cfg), whether its addopts collect doctests from modules, and
// unittest discovery in tox.ini commands.
import path from 'node:path';

export interface PythonTestConfig {
  /** Directories or files, from the repository's top. */
  paths: string[];
  /** Glob patterns for file names (pytest's python_files); empty: the defaults. */
  filePatterns: string[];
  runBy: string;
  /** `--doctest-modules` in addopts: every module under `paths` with a doctest is a test too. */
  doctestModules?: boolean;
  /** The file holding these settings (pytest reads it from the rootdir). */
  file?: string;
  /** pytest's `pythonpath`: directories put on sys.path, from the repository's top. */
  pythonPath?: string[];
}

/** A module with an interactive example (`>>> `) in a docstring: what --doctest-modules runs. */
export const DOCTEST = /^\s*>>> /m;

/** The `key = value` entries of one INI section; indented continuation lines are joined by newlines. */
function iniSection(text: string, section: string): Map<string, string> {
  const entries = new Map<string, string>();
  let inSection = false;
  let key: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header) {
      inSection = header[1]?.trim() === section;
      key = null;
      continue;
    }
    if (!inSection || /^\s*[#;]/.test(line)) continue;
    const kv = /^([\w.-]+)\s*[=:]\s*(.*)$/.exec(line);
    if (kv) {
      key = kv[1] ?? null;
      if (key) entries.set(key, kv[2] ?? '');
    } else if (key && /^\s+\S/.test(line)) {
      entries.set(key, `${entries.get(key)}\n${line.trim()}`);
    }
  }
  return entries;
}

function sectionNames(text: string): string[] {
  return [...text.matchAll(/^\s*\[([^\]]+)\]\s*$/gm)].map((m) => m[1]!.trim());
}

/** `unittest discover`'s start directory and pattern: -s/-p, their long forms, or positional. */
function discoverArgs(command: string): { start: string; pattern: string } {
  const args = [...command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].flatMap((m) => {
    const arg = m[1] ?? m[2] ?? m[3] ?? '';
    return /^--\w[\w-]*=/.test(arg) ? arg.split(/=(.*)/s, 2) : [arg];
  });
  const options = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const option = /^-[spt]$/.test(arg) ? arg[1]! : /^--(start|pattern|top)/.exec(arg)?.[1]?.[0];
    if (option) options.set(option, args[++i] ?? '');
    else if (!arg.startsWith('-') && !arg.startsWith('{')) positional.push(arg); // not -v, not {posargs}
  }
  return { start: options.get('s') ?? positional[0] ?? '.', pattern: options.get('p') ?? positional[1] ?? 'test*.py' };
}

/** testpaths = ["tests", "integration"] (TOML array) or `tests integration` (INI). */
function words(value: string | undefined): string[] {
  if (value === undefined) return [];
  const quoted = [...value.matchAll(/"([^"]*)"|'([^']*)'/g)].map((m) => m[1] ?? m[2] ?? '');
  return (quoted.length > 0 ? quoted : value.split(/[\s,]+/)).filter(Boolean);
}

export function pythonTestConfigs(file: string, text: string): PythonTestConfig[] {
  const dir = path.posix.dirname(file);
  const base = path.posix.basename(file);
  const rel = (p: string) => path.posix.normalize(dir === '.' ? p : `${dir}/${p}`);
  const sectionName =
    base === 'pyproject.toml' ? 'tool.pytest.ini_options' : base === 'setup.cfg' ? 'tool:pytest' : base === 'tox.ini' ? 'pytest' : base === 'pytest.ini' ? 'pytest' : null;
  const configs: PythonTestConfig[] = [];
  if (sectionName) {
    const section = iniSection(text, sectionName);
    const pytest = section.size > 0 ? section : base === 'tox.ini' ? iniSection(text, 'tool:pytest') : section;
    if (pytest.size > 0 || base === 'pytest.ini') {
      const testpaths = words(pytest.get('testpaths'));
      configs.push({
        paths: testpaths.length > 0 ? testpaths.map(rel) : [dir],
        filePatterns: words(pytest.get('python_files')),
        runBy: `pytest (${testpaths.length > 0 ? 'testpaths' : 'configured'} in ${file})`,
        doctestModules: words(pytest.get('addopts')).flatMap((w) => w.split(/\s+/)).includes('--doctest-modules'),
        file,
        pythonPath: words(pytest.get('pythonpath')).map(rel),
      });
    }
  }
  if (base === 'tox.ini') {
    // [testenv] and every [testenv:NAME]: each line of their commands is one command.
    const commands = sectionNames(text)
      .filter((name) => /^testenv(:|$)/.test(name))
      .flatMap((name) => (iniSection(text, name).get('commands') ?? '').split('\n'));
    for (const command of commands) {
      const discover = /unittest\s+discover\b(.*)/.exec(command);
      if (!discover) continue;
      const { start, pattern } = discoverArgs(discover[1] ?? '');
      configs.push({ paths: [rel(start)], filePatterns: [pattern], runBy: `python -m unittest discover (tox.ini)` });
    }
    if (configs.length === 0 && commands.some((c) => /\bpy\.?test\b/.test(c))) {
      configs.push({ paths: [dir], filePatterns: [], runBy: 'pytest (tox.ini)' });
    }
  }
  return configs;
}
