import { describe, expect, it } from 'vitest';
import { validateBazelFlags } from '../../src/tools/bazel/flags.js';
import { validateTargets } from '../../src/tools/bazel/targets.js';
import { ToolError } from '../../src/tools/types.js';

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ToolError);
    return (err as ToolError).modelMessage;
  }
  throw new Error('expected a refusal');
}

describe('validateTargets', () => {
  it('defaults to //... and accepts labels and patterns', () => {
    expect(validateTargets(undefined)).toEqual(['//...']);
    expect(validateTargets([])).toEqual(['//...']);
    const ok = ['//...', '//lib:greet', '//app/...', ':greet', 'lib:greet', '//lib:all', '//lib:*', '@rules_cc//cc:all', '@@foo~//x:y', '//:$(touch_X)', '//:x;touch_X', "//:a'b"];
    expect(validateTargets(ok)).toEqual(ok);
  });

  it.each([
    ['--output_base=/tmp', /starts with "-"/],
    ['-//lib:greet', /starts with "-"/],
    ['//lib:greet //app:x', /whitespace/],
    ['; touch X', /whitespace/],
    ['//../etc:passwd', /contains "\.\."/],
    ['', /empty/],
    ['//lib:a\nb', /whitespace/],
  ])('refuses %j', (target, why) => {
    expect(refusal(() => validateTargets([target]))).toMatch(why);
  });
});

describe('validateBazelFlags', () => {
  it('accepts allow-listed flags and normalises them to --name=value', () => {
    expect(
      validateBazelFlags(
        ['-c', 'opt', '--copt=-O2', '--copt', '-Wall', '--config=ci', '--define=FOO=bar', '--verbose_failures', '--nokeep_going', '--jobs=4', '--//my:setting=on', '--@rules_python//python/config_settings:python_version=3.12', '--incompatible_strict_action_env'],
        'build',
      ),
    ).toEqual(['--compilation_mode=opt', '--copt=-O2', '--copt=-Wall', '--config=ci', '--define=FOO=bar', '--verbose_failures', '--nokeep_going', '--jobs=4', '--//my:setting=on', '--@rules_python//python/config_settings:python_version=3.12', '--incompatible_strict_action_env']);
    expect(validateBazelFlags(['--test_output=all', '--test_filter=Greet.*', '--test_arg=--v=1'], 'test')).toEqual([
      '--test_output=all',
      '--test_filter=Greet.*',
      '--test_arg=--v=1',
    ]);
    expect(validateBazelFlags(['--override_module=foo=third_party/foo', '--override_repository=bar=%workspace%/bar'], 'build')).toHaveLength(2);
  });

  it.each([
    ['--output_base=/tmp/x', 'startup'],
    ['--output_user_root=/tmp', 'startup'],
    ['--bazelrc=/etc/evil', 'startup'],
    ['--batch', 'startup'],
    ['--host_jvm_args=-Xmx1g', 'startup'],
    ['--disk_cache=/tmp/c', 'caches'],
    ['--repository_cache=/tmp/c', 'caches'],
    ['--remote_cache=grpc://x', 'remote'],
    ['--build_event_json_file=/workspace/bep.json', 'build event'],
    ['--bes_backend=grpc://x', 'remote'],
    ['--bes_header=x-api-key=1', 'remote'],
    ['--remote_executor=grpcs://x', 'remote'],
    ['--remote_header=x-api-key=1', 'remote'],
    ['--remote_instance_name=mine', 'remote'],
    ['--remote_accept_cached', 'remote'],
    ['--noremote_accept_cached', 'remote'],
    ['--noremote_upload_local_results', 'remote'],
    ['--experimental_remote_downloader=grpc://x', 'remote'],
    ['--grpc_keepalive_time=1s', 'remote'],
    ['--credential_helper=/usr/bin/helper', 'credentials'],
    ['--credential_helper_timeout=5s', 'credentials'],
    ['--experimental_credential_helper=/x', 'credentials'],
    ['--tls_client_certificate=/x.pem', 'credentials'],
    ['--tls_certificate=/ca.pem', 'credentials'],
    ['--announce_rc', 'not printed'],
    ['--noannounce_rc', 'not printed'],
    ['--ignore_all_rc_files', 'startup'],
    ['--nohome_rc', 'startup'],
    ['--bazelrc', 'startup'],
    ['--sandbox_writable_path=/', 'sandboxing'],
    ['--sandbox_add_mount_pair=/etc', 'sandboxing'],
    ['--spawn_strategy=local', 'sandboxing'],
    ['--run_under=/bin/sh', 'outside the build'],
    ['--script_path=/tmp/x.sh', 'outside the build'],
    ['--override_module=foo=/etc', 'inside the repository'],
    ['--override_repository=foo=../../x', 'inside the repository'],
    ['--noenable_bzlmod', 'bzlmod'],
    ['--experimental_something', 'allow-list'],
    ['--compilation_mode=evil', 'invalid value'],
    ['--config=$(touch X)', 'invalid value'],
    ['--test_output=all', 'only applies to bazel_test'],
    ['-c opt', 'separate items'],
    ['--copt -O2', 'separate items'],
    ['opt', 'targets go in targets'],
    ['-x', 'unknown short option'],
    ['--keep_going=maybe', 'boolean'],
    ['--copt', 'needs a value'],
  ])('refuses %s', (flag, why) => {
    const message = refusal(() => validateBazelFlags(flag === '--copt' ? [flag] : [flag], 'build'));
    expect(message).toContain(`Flag ${JSON.stringify(flag)} is not allowed`);
    expect(message).toContain(why);
    expect(message).toContain('Allowed: -c, --config');
  });

  it.each([
    [['--override_repository', 'foo=/etc'], 'build', 'inside the repository'],
    [['--override_module', 'foo=../../x'], 'build', 'inside the repository'],
    [['--config', '$(touch X)'], 'build', 'invalid value'],
    [['-c', 'evil'], 'build', 'invalid value'],
    [['--jobs', '99999'], 'build', 'invalid value'],
    [['--define', 'X'], 'build', 'invalid value'],
    [['--test_output', 'bogus'], 'test', 'invalid value'],
  ] as const)('checks a value given as the next item: %j', (flags, command, why) => {
    const message = refusal(() => validateBazelFlags([...flags], command));
    expect(message).toContain(`Flag ${JSON.stringify(flags[0])} is not allowed`);
    expect(message).toContain(why);
  });

  it('takes a checked next-item value as the value, not as another flag', () => {
    expect(validateBazelFlags(['--override_repository', 'foo=third_party/foo', '--config', 'ci'], 'build')).toEqual([
      '--override_repository=foo=third_party/foo',
      '--config=ci',
    ]);
  });
});
