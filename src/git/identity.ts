/** Every commit the tool makes is authored and committed by this identity. */
export const GIT_IDENTITY = { name: 'shots-on-goal', email: 'shots-on-goal@localhost' } as const;

/**
 * `-c` settings for every git command we run. Identity goes here (not in env: simple-git strips
 * GIT_* variables, and the user's config is never read or written for it); author.* and
 * committer.* too, because they take precedence over user.* when the user sets them.
 * The rest keeps the user's setup from acting on our bookkeeping: their hooks (husky,
 * lint-staged, a post-checkout that writes into their checkout), commit signing that would
 * prompt, auto gc, submodule recursion, and branch tracking written into their .git/config.
 */
export const GIT_CONFIG: readonly string[] = [
  `user.name=${GIT_IDENTITY.name}`,
  `user.email=${GIT_IDENTITY.email}`,
  `author.name=${GIT_IDENTITY.name}`,
  `author.email=${GIT_IDENTITY.email}`,
  `committer.name=${GIT_IDENTITY.name}`,
  `committer.email=${GIT_IDENTITY.email}`,
  'core.hooksPath=/dev/null',
  'commit.gpgSign=false',
  'gc.auto=0',
  'maintenance.auto=false',
  'submodule.recurse=false',
  'branch.autoSetupMerge=false',
  'advice.detachedHead=false',
];
