// write_file's executable option end to end: an sh_test wrapper written with it builds and passes
// in the real image, and git commits it as 100755; written without it, Bazel refuses the script.
import { afterEach, expect, it } from 'vitest';
import { runTool } from '../../src/tools/registry.js';
import { describeDocker } from '../helpers/docker.js';
import { containerRepo, type ContainerRepo } from './container.js';

const SCRIPT = '#!/bin/sh\n# A wrapper test in the shape real projects keep next to their C tests.\nset -e\necho "wrapper ran"\n';
const SH_TEST = '\nsh_test(\n    name = "run_test",\n    srcs = ["run.sh"],\n)\n';

describeDocker('write_file executable option in the container', () => {
  let c: ContainerRepo | undefined;
  afterEach(async () => {
    await c?.cleanup();
    c = undefined;
  });

  it('a new sh_test script written with executable: true builds, passes and is committed as 100755', async () => {
    c = await containerRepo('bzlmod-c');
    const rules = await runTool('find_replace_in_file', { path: 'tests/BUILD.bazel', old_text: '    deps = ["//lib:greet"],\n)\n', new_text: `    deps = ["//lib:greet"],\n)\n${SH_TEST}` }, c.ctx);
    expect(rules.ok).toBe(true);

    // Without the option the script is a plain file, which Bazel will not run.
    expect((await runTool('write_file', { path: 'tests/run.sh', content: SCRIPT }, c.ctx)).ok).toBe(true);
    const refused = await runTool('bazel_test', { targets: ['//tests:run_test'] }, c.ctx);
    expect(refused.ok).toBe(false);
    expect(refused.observation).toContain('is not executable');

    const written = await runTool('write_file', { path: 'tests/run.sh', content: SCRIPT, executable: true }, c.ctx);
    expect(written.observation).toMatch(/^Overwrote tests\/run\.sh \(\d+ bytes, 4 lines, executable;/);
    const t = await runTool('bazel_test', { targets: ['//tests:run_test'] }, c.ctx);
    expect(t).toMatchObject({ ok: true, exitCode: 0 });
    expect(t.observation).toContain('PASSED: //tests:run_test');

    c.repo.git('add', '--all');
    c.repo.git('commit', '--quiet', '-m', 'attempt');
    expect(c.repo.git('ls-tree', 'HEAD', 'tests/run.sh')).toMatch(/^100755 blob \S+\ttests\/run\.sh\n$/);
  });
});
