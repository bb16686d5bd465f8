// What a tracked file is, from its path alone: a source of a known language (and whether it is a
// header), a build file of some build system, or something no target needs.
import path from 'node:path';
import type { Language } from '../report.js';

const BY_EXTENSION: Record<string, { language: Language; header?: boolean }> = {
  '.c': { language: 'c' },
  '.h': { language: 'c', header: true },
  '.cc': { language: 'cpp' },
  '.cpp': { language: 'cpp' },
  '.cxx': { language: 'cpp' },
  '.c++': { language: 'cpp' },
  '.hh': { language: 'cpp', header: true },
  '.hpp': { language: 'cpp', header: true },
  '.hxx': { language: 'cpp', header: true },
  '.h++': { language: 'cpp', header: true },
  '.ipp': { language: 'cpp', header: true },
  '.inl': { language: 'cpp', header: true },
  '.py': { language: 'python' },
  '.sh': { language: 'shell' },
  '.bash': { language: 'shell' },
  '.java': { language: 'java' },
  '.go': { language: 'go' },
  '.rs': { language: 'rust' },
  '.proto': { language: 'proto' },
};

const BUILD_NAMES = new Set([
  'Makefile', 'makefile', 'GNUmakefile', 'CMakeLists.txt', 'meson.build', 'meson_options.txt', 'meson.options', 'configure.ac', 'configure.in', 'Makefile.am',
  'setup.py', 'setup.cfg', 'pyproject.toml', 'pytest.ini', 'tox.ini', 'noxfile.py', 'requirements.txt',
  'BUILD', 'BUILD.bazel', 'WORKSPACE', 'WORKSPACE.bazel', 'WORKSPACE.bzlmod', 'MODULE.bazel', 'MODULE.bazel.lock',
  '.bazelrc', '.bazelversion', '.bazelignore', 'pom.xml', 'build.gradle', 'build.gradle.kts', 'settings.gradle',
  'Cargo.toml', 'Cargo.lock', 'go.mod', 'go.sum', 'BUCK', 'SConstruct', 'SConscript', 'build.ninja',
]);
const BUILD_EXTENSIONS = new Set(['.mk', '.cmake', '.bzl', '.bazelrc']);

export type FileClass =
  | { kind: 'source'; language: Language; header: boolean }
  | { kind: 'build' }
  | { kind: 'other' };

export function classifyPath(file: string): FileClass {
  const base = path.posix.basename(file);
  const ext = path.posix.extname(base).toLowerCase();
  if (BUILD_NAMES.has(base) || BUILD_EXTENSIONS.has(ext)) return { kind: 'build' };
  // `.C` and `.H` are C++ by GNU convention; everything else is case-insensitive.
  const known = base.endsWith('.C') ? BY_EXTENSION['.cc'] : base.endsWith('.H') ? BY_EXTENSION['.hh'] : BY_EXTENSION[ext];
  if (known) return { kind: 'source', language: known.language, header: known.header ?? false };
  return { kind: 'other' };
}

/** Directory names under which C/C++ programs, Python modules and scripts are tests. */
export const TEST_DIR = /^(tests?|testing|unittests?|unit_tests?|t|spec|check)$/i;

export function inTestDirectory(file: string): boolean {
  return path.posix.dirname(file).split('/').some((d) => TEST_DIR.test(d));
}
