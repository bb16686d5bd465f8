// The user's --bazelrc files as the host reads them: hashed, variables filled in, secrets found,
// and every file or variable that cannot be used refused in one line naming it.
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ContainerBazelrc, homeBazelrc, USER_BAZELRC_DIR } from '../../src/runtime/container-bazelrc.js';
import { VALIDATION_BAZELRC } from '../../src/runtime/validation-bazelrc.js';
import { BazelrcError, loadBazelrc, secretsIn, withRecordedHashes } from '../../src/session/bazelrc.js';
import { makeTempDir } from '../helpers/repo.js';

const dir = makeTempDir('sog-bazelrc-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function rc(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(BazelrcError);
    const message = (err as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected a BazelrcError');
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('loadBazelrc', () => {
  const remote = 'common --remote_cache=grpcs://remote.example.com\ncommon --remote_header=x-buildbuddy-api-key=${BB_KEY}\n';
  const plain = '# plain\nbuild --jobs=4\ntry-import %workspace%/user.bazelrc\n';

  it('hashes each file as read, fills ${NAME} from --bazelrc-env, and keeps the order given', () => {
    const a = rc('remote.bazelrc', remote);
    const b = rc('.plain rc', plain);
    const loaded = loadBazelrc([{ path: a }, { path: path.relative(process.cwd(), b) }], ['BB_KEY'], { BB_KEY: 'k3y-value-123' });
    expect(loaded.records).toEqual([
      { path: a, sha256: sha(remote) },
      { path: b, sha256: sha(plain) },
    ]);
    expect(loaded.container?.files).toEqual([
      { name: '1-remote.bazelrc', text: remote.replace('${BB_KEY}', 'k3y-value-123') },
      { name: '2-plain_rc', text: plain },
    ]);
    expect(loaded.container?.secrets).toEqual(['k3y-value-123']);
    expect(loaded.changed).toEqual([]);
  });

  it('says which files changed since the hashes recorded with them', () => {
    const a = rc('changed.bazelrc', 'build --jobs=2\n');
    const b = rc('same.bazelrc', plain);
    const loaded = loadBazelrc(withRecordedHashes([{ path: a }, { path: b }], [{ path: a, sha256: sha('build --jobs=1\n') }, { path: b, sha256: sha(plain) }]), [], {});
    expect(loaded.changed).toEqual([
      `--bazelrc ${a} changed since the session recorded it (sha256 ${sha('build --jobs=1\n').slice(0, 12)} → ${sha('build --jobs=2\n').slice(0, 12)}); its contents as they are now apply from here on`,
    ]);
  });

  it('gives the containers nothing without files, and /dev/null is an empty file', () => {
    expect(loadBazelrc([], [], {})).toEqual({ records: [], container: null, changed: [] });
    expect(loadBazelrc([{ path: '/dev/null' }], [], {}).container?.files).toEqual([{ name: '1-null', text: '' }]);
  });

  it('refuses what cannot be used, in one line naming the file or variable', () => {
    const missing = path.join(dir, 'missing.bazelrc');
    expect(refusal(() => loadBazelrc([{ path: missing }], [], {}))).toBe(
      `--bazelrc ${missing} cannot be read (ENOENT); give the path of a readable Bazel rc file`,
    );
    mkdirSync(path.join(dir, 'adir'), { recursive: true });
    expect(refusal(() => loadBazelrc([{ path: path.join(dir, 'adir') }], [], {}))).toContain('cannot be read (EISDIR)');
    const uses = rc('uses.bazelrc', remote);
    expect(refusal(() => loadBazelrc([{ path: uses }], [], {}))).toBe(`--bazelrc ${uses} uses \${BB_KEY}: pass --bazelrc-env BB_KEY to fill it in from the environment`);
    expect(refusal(() => loadBazelrc([{ path: uses }], ['BB_KEY'], {}))).toBe('--bazelrc-env BB_KEY: the variable is not set in this environment; export it first');
    expect(refusal(() => loadBazelrc([{ path: uses }], ['BB_KEY'], { BB_KEY: 'a\nbuild --config=x' }))).toContain('holds a line break');
    expect(refusal(() => loadBazelrc([{ path: uses }], ['BB_KEY', 'OTHER'], { BB_KEY: 'v1234', OTHER: 'x' }))).toBe('--bazelrc-env OTHER: no --bazelrc file uses ${OTHER}');
    expect(refusal(() => loadBazelrc([{ path: uses }], ['1BAD'], {}))).toContain('takes a variable name');
    const imports = rc('imports.bazelrc', 'build --jobs=1\n  import /home/me/.secrets.bazelrc\n');
    expect(refusal(() => loadBazelrc([{ path: imports }], [], {}))).toBe(
      `--bazelrc ${imports} line 2: import /home/me/.secrets.bazelrc names a file the containers cannot see; give that file as another --bazelrc instead`,
    );
    expect(refusal(() => loadBazelrc([{ path: rc('try.bazelrc', 'try-import ~/x.rc\n') }], [], {}))).toContain('try-import ~/x.rc names a file the containers cannot see');
  });
});

describe('secretsIn', () => {
  it('finds header values (one or two words, quoted or not) and URL passwords, not header names or plain flags', () => {
    const text = [
      'common --remote_header=x-api-key=literal-1234',
      'build --bes_header "Authorization=Bearer tok-5678"',
      "common --remote_cache_header='x-b=quoted-9012'",
      'common --remote_cache=https://user:pa55word@cache.example.com/base',
      '# common --remote_header=x=commented-out',
      'build --jobs=4 --remote_header=novalue',
      'common --bes_backend=grpcs://remote.example.com',
    ].join('\n');
    expect(secretsIn(text)).toEqual(['literal-1234', 'Bearer tok-5678', 'quoted-9012', 'pa55word']);
  });
});

describe('the containers\' home rc', () => {
  const user = { files: [{ name: '1-a.bazelrc', text: 'x' }, { name: '2-b.bazelrc', text: 'y' }], secrets: [] };

  it("imports the user's files in order; validation's forced lines come last, so nothing before them turns them off", () => {
    const attempt = homeBazelrc('attempt', user);
    expect(attempt.split('\n').filter((l) => l.startsWith('import '))).toEqual([`import ${USER_BAZELRC_DIR}/1-a.bazelrc`, `import ${USER_BAZELRC_DIR}/2-b.bazelrc`]);
    expect(attempt).toMatch(/^test --noannounce_rc$/m);
    expect(attempt).not.toContain('remote_accept_cached');
    const validation = homeBazelrc('validation', user);
    expect(validation.startsWith(attempt.trimEnd())).toBe(true);
    expect(validation.endsWith(VALIDATION_BAZELRC)).toBe(true);
    for (const command of ['build', 'test', 'coverage', 'run']) {
      expect(VALIDATION_BAZELRC).toMatch(new RegExp(`^${command} --noremote_accept_cached$`, 'm'));
      expect(VALIDATION_BAZELRC).toMatch(new RegExp(`^${command} --disk_cache=/var/cache/shots-on-goal/disk$`, 'm'));
    }
    expect(VALIDATION_BAZELRC).toMatch(/^coverage --nocache_test_results$/m);
  });

  it('writes private copies (0600 in a 0700 directory), each to be put read-only into a container, the role\'s rc as ~/.bazelrc', async () => {
    const rcs = new ContainerBazelrc({ files: [{ name: '1-a.bazelrc', text: 'common --remote_header=x=s3cret\n' }], secrets: ['s3cret'] });
    const attempt = await rcs.files('attempt', '/home/builder/.bazelrc');
    const validation = await rcs.files('validation', '/home/builder/.bazelrc');
    expect(attempt.map((f) => f.target)).toEqual([`${USER_BAZELRC_DIR}/1-a.bazelrc`, '/home/builder/.bazelrc']);
    expect(validation[0]!.source).toBe(attempt[0]!.source);
    expect(validation[1]!.source).not.toBe(attempt[1]!.source);
    for (const f of [...attempt, ...validation]) expect(statSync(f.source).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(attempt[0]!.source)).mode & 0o777).toBe(0o700);
    expect(rcs.secrets).toEqual(['s3cret']);
    // Without user files: attempts get no home rc, validation the forced lines alone.
    const none = new ContainerBazelrc(null);
    expect(await none.files('attempt', '/home/builder/.bazelrc')).toEqual([]);
    expect((await none.files('validation', '/home/builder/.bazelrc')).map((f) => f.target)).toEqual(['/home/builder/.bazelrc']);
  });
});
