// What keeps git from running anything but itself. Git runs commands that configuration names,
// and a tree's .gitattributes picks which configured filter or merge driver applies to a file,
// so an untrusted tree (the user's repository, a model's edits) could otherwise select a
// command from the user's own config. Each setting here was checked on git 2.39 to run nothing.

/** Fixed `-c` settings for every command: each turns off one command-valued setting. */
export const NO_COMMANDS_CONFIG: readonly string[] = [
  'core.fsmonitor=false', // a hook command (or daemon) on every index refresh; core.hooksPath does not stop it
  'core.hooksPath=/dev/null', // every hook, post-checkout and reference-transaction included
  'core.pager=cat', // with --no-pager below: no pager whatever pager.<cmd> says
  'core.editor=false',
  'sequence.editor=false',
  'core.askPass=', // empty: no askpass program (SSH_ASKPASS is dropped from the environment)
  'credential.helper=', // empty resets the helper list
  'core.sshCommand=false',
  'protocol.allow=never', // no transport (proxies, remote helpers, upload-pack commands); see NO_TRANSPORT_ENV
  'gpg.program=false',
  'gpg.ssh.program=false',
  'gpg.x509.program=false',
  'log.showSignature=false',
  'tag.gpgSign=false',
];

/**
 * Environment for every command and the git commands it starts (a partial clone's lazy fetch of a
 * missing object is one). protocol.allow=never does not cover a `protocol.<name>.allow=always` in
 * the repository's config, which git reads first (checked: an `ext::` promisor remote then runs its
 * command); GIT_ALLOW_PROTOCOL overrides all of that config, and an empty list allows no transport.
 */
export const NO_TRANSPORT_ENV: Readonly<Record<string, string>> = { GIT_ALLOW_PROTOCOL: '' };

/** Global options for every command. */
export const NO_COMMANDS_ARGS: readonly string[] = ['--no-pager'];

/** Added to every `git diff`: no external diff (diff.external, diff.<driver>.command), no textconv. */
export const DIFF_NO_COMMANDS: readonly string[] = ['--no-ext-diff', '--no-textconv'];

/**
 * Runs the plain three-way text merge, as if no driver were configured: git has no setting that
 * disables a merge driver (an empty one is an error), so a configured one is replaced by this.
 */
export const PLAIN_MERGE_DRIVER = 'git merge-file --marker-size=%L %A %O %B';

/** Reads the names of configured filter and merge drivers (every scope). */
export const DRIVER_LIST_ARGS: readonly string[] = ['config', '--name-only', '-z', '--get-regexp', '^(filter|merge)\\.'];

/**
 * Settings that neutralise each filter and merge driver named in `git config --name-only -z`
 * output: empty filter commands (checked: git then runs nothing, and `required=false` keeps a
 * required filter from failing the command) and the plain text merge for merge drivers.
 * Returned as key/value pairs because a driver name may hold `=`, which `-c` cannot carry.
 */
export function driverOverrides(configNames: string): [string, string][] {
  const filters = new Set<string>();
  const merges = new Set<string>();
  for (const key of configNames.split('\0')) {
    const first = key.indexOf('.');
    const last = key.lastIndexOf('.');
    if (first < 0 || last <= first) continue; // merge.tool, merge.conflictStyle...: no driver
    const section = key.slice(0, first).toLowerCase();
    const name = key.slice(first + 1, last);
    if (section === 'filter') filters.add(name);
    else if (section === 'merge') merges.add(name);
  }
  const out: [string, string][] = [];
  for (const name of [...filters].sort()) {
    for (const command of ['clean', 'smudge', 'process']) out.push([`filter.${name}.${command}`, '']);
    out.push([`filter.${name}.required`, 'false']);
  }
  for (const name of [...merges].sort()) out.push([`merge.${name}.driver`, PLAIN_MERGE_DRIVER]);
  return out;
}

/** The environment that passes `pairs` to git (and to the git commands it starts itself). */
export function configEnv(pairs: readonly [string, string][]): Record<string, string> {
  const env: Record<string, string> = { GIT_CONFIG_COUNT: String(pairs.length) };
  pairs.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  return env;
}
