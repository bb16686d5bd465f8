// Where Python imports are rooted: the repository root (flat layout) and, for a src/ layout,
// the directory pyproject.toml, setup.cfg or setup.py names (or a src/ holding a package), and
// the directories pytest's `pythonpath` puts on sys.path; and where pytest's settings collect
// doctests from modules.
import path from 'node:path';
import { pythonTestConfigs } from '../../migration/inventory/python-config.js';
import { pushUnique, type BuildFacts } from '../facts.js';
import type { SourceTree } from '../tree.js';

const PATTERNS: RegExp[] = [
  /\[tool\.setuptools\.packages\.find\][^[]*?where\s*=\s*\[\s*["']([^"']+)["']/, // pyproject
  /package-dir\s*=\s*\{\s*["']{2}\s*=\s*["']([^"']+)["']/, // pyproject [tool.setuptools]
  /\[options\.packages\.find\][^[]*?where\s*=\s*(\S+)/, // setup.cfg
  /package_dir\s*=\s*\n?\s*=\s*(\S+)/, // setup.cfg package_dir = =src
  /package_dir\s*=\s*\{\s*["']{2}\s*:\s*["']([^"']+)["']/, // setup.py
  /find_packages\(\s*(?:where\s*=\s*)?["']([^"']+)["']/, // setup.py find_packages("src")
];

export function readPythonLayout(tree: SourceTree, facts: BuildFacts): void {
  const roots: string[] = [];
  for (const file of tree.paths) {
    const base = path.posix.basename(file);
    if (/^(pyproject\.toml|setup\.cfg|tox\.ini|pytest\.ini)$/.test(base)) {
      for (const c of pythonTestConfigs(file, tree.read(file))) {
        if (c.doctestModules) facts.doctest.push({ paths: c.paths, config: file });
        for (const p of c.pythonPath ?? []) if (p !== '.') pushUnique(roots, p);
      }
    }
    if (base !== 'pyproject.toml' && base !== 'setup.cfg' && base !== 'setup.py') continue;
    const dir = path.posix.dirname(file);
    const text = tree.read(file);
    for (const re of PATTERNS) {
      const m = re.exec(text);
      if (m?.[1] && m[1] !== '.') pushUnique(roots, path.posix.normalize(dir === '.' ? m[1] : `${dir}/${m[1]}`));
    }
    facts.projectName ??= /^\s*name\s*=\s*["']?([\w.-]+)/m.exec(text)?.[1] ?? /name\s*=\s*["']([\w.-]+)["']/.exec(text)?.[1] ?? null;
  }
  // A src/ directory whose children are packages is a src layout even when no config says so.
  if (tree.paths.some((p) => /^src\/[\w]+\/__init__\.py$/.test(p))) pushUnique(roots, 'src');
  for (const r of roots) pushUnique(facts.pythonRoots, r);
  pushUnique(facts.pythonRoots, '');
}
