// --audit / --no-audit: parsed into the run options (absent: decided by the models), allowed on
// --resume, and refused together.
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/cli/args.js';
import { UsageError } from '../../src/cli/usage-error.js';

function run(argv: string[]) {
  const cmd = parseCommand(argv);
  if (cmd.kind !== 'run') throw new Error(`not a run: ${argv.join(' ')}`);
  return cmd.run;
}

describe('--audit and --no-audit', () => {
  it('set the run option; neither leaves it to the models', () => {
    expect(run(['g', 'r']).audit).toBeUndefined();
    expect(run(['--audit', 'g', 'r']).audit).toBe(true);
    expect(run(['--no-audit', 'g', 'r']).audit).toBe(false);
  });

  it('can be given on --resume', () => {
    expect(parseCommand(['--resume', 's1', '--no-audit'])).toMatchObject({ kind: 'resume', overrides: { audit: false } });
    expect(parseCommand(['--resume', 's1', '--audit'])).toMatchObject({ kind: 'resume', overrides: { audit: true } });
  });

  it('contradict each other', () => {
    expect(() => parseCommand(['--audit', '--no-audit', 'g', 'r'])).toThrow(UsageError);
    expect(() => parseCommand(['--audit', '--no-audit', 'g', 'r'])).toThrow(/--audit and --no-audit contradict each other/);
  });
});
