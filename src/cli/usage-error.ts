/** A mistake on the command line or in the setup: one line for the user, exit code 2, nothing created. */
export class UsageError extends Error {
  override name = 'UsageError';
}
