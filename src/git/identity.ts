/** Every commit the tool makes is authored and committed by this identity. */
export const GIT_IDENTITY = { name: 'shots-on-goal', email: 'shots-on-goal@localhost' } as const;

/**
 * `-c` settings for every git command we run. Identity goes here (not in env: simple-git strips
 * GIT_* variables, and the user's config is never read or written for it); author.* and
 * committer.* too, because they take precedence over user.* when the user sets them.
 * The rest keeps the user's setup from acting on our bookkeeping: commit signing that would
 * prompt, auto gc, submodule recursion, and branch tracking written into their .git/config.
 * Hooks and every other command git could run are turned off in hardening.ts.
 */
export const GIT_CONFIG: readonly string[] = [
  `user.name=${GIT_IDENTITY.name}`,
  `user.email=${GIT_IDENTITY.email}`,
  `author.name=${GIT_IDENTITY.name}`,
  `author.email=${GIT_IDENTITY.email}`,
  `committer.name=${GIT_IDENTITY.name}`,
  `committer.email=${GIT_IDENTITY.email}`,
  'commit.gpgSign=false',
  'gc.auto=0',
  'maintenance.auto=false',
  'submodule.recurse=false',
  'branch.autoSetupMerge=false',
  'advice.detachedHead=false',
];
