// The generator's files for each example repository build and pass `bazel test //...` in the
// real image, offline, from a fresh clone of the commit that adds them.
import { expect, it } from 'vitest';
import { corpusCopy, corpusRepos } from '../../eval/corpus.js';
import { plan, readWorktree } from '../../src/builtin/index.js';
import { describeDocker } from '../helpers/docker.js';
import { git, writeFiles } from '../helpers/repo.js';
import { expectBranchBuildsAndTests } from '../helpers/result-branch.js';

describeDocker('built-in generator on the examples, in the image', () => {
  for (const repo of corpusRepos().filter((r) => r.part === 'example')) {
    it(`${repo.name}: bazel build //... and bazel test //... pass`, { timeout: 900_000 }, async () => {
      const copy = corpusCopy(repo);
      try {
        const generated = plan(await readWorktree(copy.path));
        expect(generated.nothingToDo).toBeNull();
        git(copy.path, 'checkout', '--quiet', '-b', 'generated');
        writeFiles(copy.path, generated.files);
        git(copy.path, 'add', '--all');
        git(copy.path, 'commit', '--quiet', '-m', 'generated Bazel files');
        await expectBranchBuildsAndTests(copy.path, 'generated');
      } finally {
        copy.cleanup();
      }
    });
  }
});
