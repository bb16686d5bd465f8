// What a Bazel exit code means, in words a model can act on (https://bazel.build/run/scripts).

const COMMON: Record<number, string> = {
  0: 'success',
  2: 'command line problem: bad or illegal flags or command combination, or bad environment variables',
  8: 'interrupted (cancelled or timed out)',
  9: 'the server lock is held by another command',
  32: 'external environment failure not on this machine',
  33: 'Bazel ran out of memory; use fewer --jobs or build fewer targets',
  36: 'local environment problem, suspected permanent (e.g. disk full, missing tool)',
  37: 'internal Bazel error (crash)',
  38: 'transient error publishing results',
  39: 'blobs evicted from the remote cache',
  45: 'persistent error publishing results',
};

const BUILD: Record<number, string> = {
  1: 'build failed',
  3: 'build OK, but some tests failed or timed out',
  4: 'build OK, but no test targets were found although testing was requested',
};

const QUERY: Record<number, string> = {
  1: 'query failed',
  3: 'partial success: some BUILD files had errors, so the result may be incomplete',
  7: 'query command failed',
};

export type BazelCommand = 'build' | 'test' | 'query';

export function exitCodeMeaning(command: BazelCommand, code: number | null): string {
  if (code === null) return 'no exit code (killed)';
  const table = command === 'query' ? QUERY : BUILD;
  return table[code] ?? COMMON[code] ?? 'unknown failure';
}
