// Where a Python project says its tests are: pytest's testpaths and python_files (pytest.ini,
// pyproject.toml, tox.ini, setup.cfg), and unittest discovery in tox.ini commands.
import path from 'node:path';

export interface PythonTestConfig {
  /** Directories or files, from the repository's top. */
  paths: string[];
  /** Glob patterns for file names (pytest's python_files); empty: the defaults. */
  filePatterns: string[];
  runBy: string;
}

/** The `key = value` (with indented continuation lines) entries of one INI section. */
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
      entries.set(key, `${entries.get(key)} ${line.trim()}`);
    }
  }
  return entries;
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
      });
    }
  }
  if (base === 'tox.ini') {
    const commands = iniSection(text, 'testenv').get('commands') ?? '';
    const discover = /unittest\s+discover((?:\s+-[spt]\s+\S+)*)/.exec(commands);
    if (discover) {
      const start = /-s\s+(\S+)/.exec(discover[1] ?? '')?.[1];
      const pattern = /-p\s+(\S+)/.exec(discover[1] ?? '')?.[1];
      configs.push({ paths: [rel(start ?? '.')], filePatterns: [pattern ?? 'test*.py'], runBy: `python -m unittest discover (tox.ini)` });
    } else if (/\bpy\.?test\b/.test(commands) && configs.length === 0) {
      configs.push({ paths: [dir], filePatterns: [], runBy: 'pytest (tox.ini)' });
    }
  }
  return configs;
}
