import { describe, expect, it } from 'vitest';
import { passes, splitCommand, validationArgv } from '../src/orchestrator/validation-command.js';

describe('validation commands', () => {
  it('splits words and quotes without a shell', () => {
    expect(splitCommand(`bazel test //tests:all --test_arg="a b"`)).toEqual({ argv: ['bazel', 'test', '//tests:all', '--test_arg=a b'] });
    expect(splitCommand(`grep -q 'cc_library(' BUILD.bazel`)).toEqual({ argv: ['grep', '-q', 'cc_library(', 'BUILD.bazel'] });
  });

  it('refuses shell syntax and programs outside the allow-list in model commands', () => {
    for (const bad of ['bazel build //... && rm -rf x', 'test -f x; touch y', 'cat $(echo x)', 'ls `id`', 'cat x > y', 'bazel build | tee']) {
      expect(validationArgv(bad, 'model')).toHaveProperty('error');
    }
    expect(validationArgv('curl http://x', 'model')).toMatchObject({ error: expect.stringContaining('not allowed') });
    expect(validationArgv('cat /etc/passwd', 'model')).toHaveProperty('error');
    expect(validationArgv('cat ../x', 'model')).toHaveProperty('error');
    expect(validationArgv('grep -r --include=/etc/x y', 'model')).toHaveProperty('error');
    expect(validationArgv('bazel build //...', 'model')).toMatchObject({ argv: ['bazel', 'build', '//...', '--noremote_accept_cached', expect.stringMatching(/^--disk_cache=/)] });
  });

  it("reruns every test of a model's bazel test or coverage and accepts no remote cached result, whatever flags or configs it names", () => {
    const cache = '--disk_cache=/var/cache/shots-on-goal/disk';
    expect(validationArgv('bazel test //...', 'model')).toEqual({ argv: ['bazel', 'test', '//...', '--nocache_test_results', '--noremote_accept_cached', cache] });
    expect(validationArgv('bazel --nohome_rc test --cache_test_results=yes --config=cached //a -- -//a:b', 'model')).toEqual({
      argv: ['bazel', '--nohome_rc', 'test', '--cache_test_results=yes', '--config=cached', '//a', '--nocache_test_results', '--noremote_accept_cached', cache, '--', '-//a:b'],
    });
    expect(validationArgv('bazel coverage //a', 'model')).toEqual({ argv: ['bazel', 'coverage', '//a', '--nocache_test_results', '--noremote_accept_cached', cache] });
    expect(validationArgv('bazel build --config=remote //...', 'model')).toEqual({ argv: ['bazel', 'build', '--config=remote', '//...', '--noremote_accept_cached', cache] });
    expect(validationArgv('bazel run //app:greet -- --name x', 'model')).toEqual({ argv: ['bazel', 'run', '//app:greet', '--noremote_accept_cached', cache, '--', '--name', 'x'] });
    expect(validationArgv('bazel query //...', 'model')).toEqual({ argv: ['bazel', 'query', '//...'] });
  });

  it("refuses the user's own Bazel settings in a model's bazel command: remote services, credentials, announcing the rc files", () => {
    for (const flag of ['--remote_cache=http://x', '--remote_accept_cached', '--noremote_accept_cached', '--remote_header=a=b', '--bes_backend=grpc://x', '--credential_helper=helper', '--tls_client_key=k', '--announce_rc']) {
      expect(validationArgv(`bazel test ${flag} //...`, 'model'), flag).toEqual({ error: expect.stringContaining(`${flag.replace(/=.*$/, '')} is not allowed in a validation command`) });
    }
  });

  it("runs the user's own commands through sh", () => {
    expect(validationArgv('make check && echo ok', 'user')).toEqual({ argv: ['sh', '-c', 'make check && echo ok'] });
  });

  it('treats bazel test exit 4 (no test targets) as a pass, nothing else', () => {
    expect(passes('bazel test //...', 4)).toBe(true);
    expect(passes('bazel --nohome_rc test //...', 4)).toBe(true);
    expect(passes('bazel build //...', 4)).toBe(false);
    expect(passes('bazel test //...', 3)).toBe(false);
    expect(passes('grep x y', 0)).toBe(true);
    expect(passes('bazel test //...', null)).toBe(false);
  });
});
