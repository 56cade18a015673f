/** A command-line mistake: exit code 2 with the usage hint. */
export class UsageError extends Error {
  override name = 'UsageError';
}
