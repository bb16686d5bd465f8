// Which repositories a candidate's MODULE.bazel supplies itself, and which repository an exec
// path belongs to: code from those repositories in a test's path is new code like any other.
import { describe, expect, it } from 'vitest';
import { externalRepo, localModules, madeByRootModule } from '../../src/migration/check/local-modules.js';

describe('localModules', () => {
  it('names local, archive, git and patched overrides, and what the repository\'s own extensions and repo rules bring in', () => {
    const text = [
      'module(name = "x")',
      'bazel_dep(name = "rules_cc", version = "0.1.1")',
      'bazel_dep(name = "fake_runner", version = "1.0")',
      'local_path_override(module_name = "fake_runner", path = "third_party/runner")',
      'archive_override(module_name = "zz", urls = ["https://example.com/zz.zip"])',
      'git_override(module_name = "gg", remote = "https://example.com/gg.git", commit = "abc")',
      'single_version_override(module_name = "pinned", version = "1.2")',
      'single_version_override(module_name = "patched", patches = ["//p:fix.patch"])',
      'ext = use_extension("//tools:deps.bzl", "deps")',
      'use_repo(ext, "vendored", alias = "other_name")',
      'registry = use_extension("@rules_python//python/extensions:pip.bzl", "pip")',
      'use_repo(registry, "pypi")',
      'local_repo = use_repo_rule("//tools:repo.bzl", "local_repo")',
      'local_repo(name = "shim", path = "shim")',
      '# local_path_override(module_name = "commented", path = "x")',
    ].join('\n');
    expect([...localModules(text)].sort()).toEqual(['fake_runner', 'gg', 'patched', 'other_name', 'shim', 'vendored', 'zz'].sort());
    expect(localModules('module(name = "x")\nbazel_dep(name = "googletest", version = "1.14.0")\n').size).toBe(0);
  });
});

describe('externalRepo', () => {
  it('reads the apparent name from canonical repository names, in sources and in outputs', () => {
    expect(externalRepo('external/fake_runner~/main.c')).toBe('fake_runner');
    expect(externalRepo('external/googletest+/src/gtest.cc')).toBe('googletest');
    expect(externalRepo('bazel-out/k8-fastbuild/bin/external/fake_runner~/_objs/r/main.pic.o')).toBe('fake_runner');
    expect(externalRepo('external/_main~deps~vendored/lib.c')).toBe('vendored');
    expect(externalRepo('external/+deps+vendored/lib.c')).toBe('vendored');
    expect(externalRepo('lib/external/x.c')).toBeNull();
    expect(externalRepo('bazel-out/k8-fastbuild/bin/lib/x.o')).toBeNull();
  });
});

describe('madeByRootModule', () => {
  it("is true for what the root module's repo rules and extensions make, whoever defines them, and false for modules and their extensions", () => {
    expect(madeByRootModule('external/_main~_repo_rules~stub/count.c')).toBe(true);
    expect(madeByRootModule('bazel-out/k8-fastbuild/bin/external/_main~_repo_rules~stub/_objs/wc/count.pic.o')).toBe(true);
    expect(madeByRootModule('external/+_repo_rules+stub/count.c')).toBe(true);
    expect(madeByRootModule('external/_main~deps~vendored/lib.c')).toBe(true);
    expect(madeByRootModule('external/rules_python~~pip~pypi/x.py')).toBe(false);
    expect(madeByRootModule('external/googletest+/src/gtest.cc')).toBe(false);
    expect(madeByRootModule('third_party/_main~x/y.c')).toBe(false);
  });
});
