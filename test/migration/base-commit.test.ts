// Which un-migrated commit `check` judges against when --base is not given, on real repositories.
import { afterEach, describe, expect, it } from 'vitest';
import { defaultBase } from '../../src/migration/base-commit.js';
import { makeRepo, type TestRepo } from '../helpers/repo.js';

const repos: TestRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});

function history(): { repo: TestRepo; unmigrated: string; bazel: string; more: string } {
  const repo = makeRepo({ files: { 'src/a.c': 'int a;\n' } });
  repos.push(repo);
  const unmigrated = repo.commit('more C', { 'src/b.c': 'int b;\n' });
  const bazel = repo.commit('Bazel', { 'MODULE.bazel': 'module(name = "x")\n', 'src/BUILD.bazel': 'cc_library(name = "a", srcs = ["a.c", "b.c"])\n' });
  const more = repo.commit('tests', { 'tests/BUILD.bazel': '' });
  return { repo, unmigrated, bazel, more };
}

describe('defaultBase', () => {
  it('for the checked-out commit: the parent of the first commit that added a Bazel file', async () => {
    const { repo, unmigrated, bazel, more } = history();
    expect(await defaultBase(repo.path, more, more, 'main')).toEqual({
      commit: unmigrated,
      how: `the parent of ${bazel.slice(0, 12)}, which added the first Bazel file`,
    });
  });

  it('for another branch: its merge-base with the checked-out branch', async () => {
    const { repo, unmigrated } = history();
    repo.git('checkout', '-q', '-b', 'work', unmigrated);
    const other = repo.commit('other work', { 'src/c.c': 'int c;\n' });
    const main = repo.git('rev-parse', 'main').trim();
    expect(await defaultBase(repo.path, main, other, 'work')).toEqual({ commit: unmigrated, how: 'the merge-base with work' });
  });

  it('a commit without Bazel files is its own base; Bazel files since the first commit leave no answer', async () => {
    const plain = makeRepo({ files: { 'a.c': 'int a;\n' } });
    const born = makeRepo({ files: { 'MODULE.bazel': 'module(name = "x")\n' } });
    repos.push(plain, born);
    expect(await defaultBase(plain.path, plain.head(), plain.head(), 'main')).toMatchObject({ commit: plain.head() });
    expect(await defaultBase(born.path, born.head(), born.head(), 'main')).toBeNull();
  });
});
