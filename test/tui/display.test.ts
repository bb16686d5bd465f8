// Which display a run gets: the live screen only with a terminal on both ends and outside CI.
import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { colorWanted, createDisplay, liveScreenPossible } from '../../src/cli/display.js';
import type { CliIO } from '../../src/cli/io.js';
import { EventBus } from '../../src/orchestrator/event-bus.js';

function stream(isTTY: boolean): NodeJS.WriteStream & NodeJS.ReadStream {
  return Object.assign(new PassThrough(), { isTTY }) as unknown as NodeJS.WriteStream & NodeJS.ReadStream;
}

function io(stdoutTTY: boolean, env: NodeJS.ProcessEnv = {}): CliIO {
  return { stdout: stream(stdoutTTY), stderr: stream(false), env };
}

it('uses the live screen only with both ends a terminal, not in CI, not on a dumb terminal', () => {
  const saved = { CI: process.env.CI, CONTINUOUS_INTEGRATION: process.env.CONTINUOUS_INTEGRATION };
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  try {
    expect(liveScreenPossible(io(true), stream(true))).toBe(true);
    expect(liveScreenPossible(io(false), stream(true))).toBe(false);
    expect(liveScreenPossible(io(true), stream(false))).toBe(false);
    expect(liveScreenPossible(io(true, { CI: 'true' }), stream(true))).toBe(false);
    expect(liveScreenPossible(io(true, { CI: '0' }), stream(true))).toBe(true);
    expect(liveScreenPossible(io(true, { TERM: 'dumb' }), stream(true))).toBe(false);
  } finally {
    Object.assign(process.env, Object.fromEntries(Object.entries(saved).filter(([, v]) => v !== undefined)));
  }
});

it('turns colour off when NO_COLOR is set to anything but the empty string', () => {
  expect(colorWanted({})).toBe(true);
  expect(colorWanted({ NO_COLOR: '' })).toBe(true);
  expect(colorWanted({ NO_COLOR: '1' })).toBe(false);
});

it('without a terminal, a run gets the plain log', async () => {
  const out = io(false);
  let written = '';
  out.stdout.on('data', (d: Buffer) => (written += d.toString()));
  const display = createDisplay({ plain: false, verbose: false }, out);
  const bus = new EventBus(() => {});
  display.start({ sessionId: 's', reader: undefined as never, bus, maxCost: undefined, requestStop: () => {}, interrupt: () => {}, steering: undefined as never });
  bus.emit({ type: 'goal_started', goalId: 1, model: 'openrouter/anthropic/claude-sonnet-4.5' });
  await display.finish('summary\n');
  expect(written).toMatch(/goal #1 started with claude-sonnet-4\.5\nsummary\n$/);
});
