// Colour: diff lines green and red, and none at all under NO_COLOR (the app gets color: false).
// Chalk decides its colour level when first loaded; this file forces one before loading Ink.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildDemoSession, tempSessionsDir, type DemoSession } from './session-builder.js';

process.env.FORCE_COLOR = '1';
const { cleanup } = await import('ink-testing-library');
const { cursorOn, renderApp, KEY } = await import('./render.js');
const { openWatched } = await import('../../src/tui/data/watched.js');

let temp: ReturnType<typeof tempSessionsDir>;
let demo: DemoSession;
beforeAll(() => {
  temp = tempSessionsDir();
  demo = buildDemoSession(temp.dir);
});
afterAll(() => {
  cleanup();
  demo.b.close();
  temp.cleanup();
});

async function diffFrame(color: boolean): Promise<string> {
  const live = openWatched(demo.b.store.sessionDir, 10);
  const t = renderApp({ mode: 'watch', live, onQuit: () => {}, color });
  await t.waitFor((f) => f.includes('Goals'));
  await t.press('g', cursorOn('#1 Migrate'));
  await t.press(KEY.enter, 'Attempts (1)');
  const frame = await t.press('d', 'Diff of attempt 1');
  t.unmount();
  live.close();
  return frame;
}

const GREEN = '\u001b[32m';
const RED = '\u001b[31m';

it('colours added lines green and removed lines red', async () => {
  const frame = await diffFrame(true);
  expect(frame).toContain(`${GREEN}+module(name = "greet_c")`);
  expect(frame).toContain(`${RED}-removed line`);
});

it('uses no colour when colour is off (NO_COLOR)', async () => {
  const frame = await diffFrame(false);
  expect(frame).toContain('+module(name = "greet_c")');
  expect(frame).not.toMatch(/\u001b\[(3[0-7]|9[0-7]|38;)/);
});
