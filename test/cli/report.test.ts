// `shots-on-goal report` on a real session (scripted models, real git and containers): the HTML is
// opened in headless Chromium, where it loads without an error and makes no request beyond its own
// file (text from models and repositories stays text), and a screenshot shows the goal tree and the
// chart; the Markdown holds the same content without the chart.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { expect, it } from 'vitest';
import { inCI } from '../../src/cli/display.js';
import { openSessionReadOnly } from '../../src/store/index.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { cliSessions } from '../helpers/cli-sessions.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { scriptModel } from '../helpers/fixture-repo.js';
import { makeRepo } from '../helpers/repo.js';

/** What the page's elements give back (the DOM's types are not in this project's lib). */
interface Text {
  textContent: string | null;
}

const HOSTILE = 'Write <img src="https://example.invalid/x.png" onerror="alert(1)"> and `two`';
const file = (name: string, cost: number) => ({
  tool_calls: [{ name: 'write_file', input: { path: name, content: `${name}\n` } }],
  usage: { input_tokens: 1000, output_tokens: 200, cost },
});

function chromium(): string | null {
  for (const candidate of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      return execFileSync('sh', ['-c', `command -v ${candidate}`], { encoding: 'utf8' }).trim();
    } catch {
      // not this one
    }
  }
  return null;
}

/** The browser to open reports in; missing, it fails the test under CI and skips it loudly elsewhere. */
function chromiumOrSkip(): string | null {
  const browser = chromium();
  if (browser) return browser;
  const line = 'this test opens the HTML report in headless Chromium, which is not installed: apt-get install -y chromium';
  if (inCI(process.env)) expect.fail(line);
  console.warn(`SKIPPED: ${line}`);
  return null;
}

/** Opens a report in a new page: it must load with no error and no request beyond its own file. */
async function openReport(chrome: Browser, html: string, what: string): Promise<Page> {
  const page = await chrome.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('request', (req) => requests.push(req.url()));
  await page.setViewport({ width: 1200, height: 900 });
  await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
  expect(errors, what).toEqual([]);
  expect(requests, what).toEqual([pathToFileURL(html).href]);
  return page;
}

/** The goal tree and the chart are laid out: what a screenshot of the page shows. */
async function expectTreeAndChart(page: Page, what: string): Promise<void> {
  for (const selector of ['ul.tree', 'svg.chart']) {
    const box = await (await page.$(selector))!.boundingBox();
    expect(box, `${what} ${selector}`).not.toBeNull();
    expect(box!.width * box!.height, `${what} ${selector}`).toBeGreaterThan(1000);
  }
}

describeDocker('report', () => {
  const cli = cliSessions('sog-report-');

  it('HTML opens in headless Chromium without errors or requests and shows the tree and the chart; Markdown says the same', async () => {
    const browser = chromiumOrSkip();
    if (!browser) return;
    const repo = makeRepo({ files: { 'README.md': 'hello\n' } });
    const sessions = path.join(cli.scratch, 'sessions');
    try {
      const modelB = scriptModel([
        {
          json: {
            sub_goals: [
              { description: 'Create one.txt <b>now</b>', validation: [{ command: 'test -f one.txt', expect: 'success' }] },
              { description: 'Create two.txt', validation: [{ command: 'test -f two.txt', expect: 'success' }] },
            ],
          },
          usage: { input_tokens: 500, output_tokens: 100, cost: 0.02 },
        },
        file('one.txt', 0.05),
        { text: 'one.txt written.' },
        file('two.txt', 0.01),
        { text: 'two.txt written.' },
      ], cli.scratch);
      const run = await runCli(
        ['--sessions-dir', sessions, '--network', 'none', '--image', TEST_IMAGE, '--plain', '--no-migration-check', '--max-cost', '5',
          '--validate', 'test -f one.txt', '--validate', 'test -f two.txt',
          '--model-a', scriptModel([file('wrong.txt', 0.03), { text: 'wrong file' }], cli.scratch), '--model-b', modelB, HOSTILE, repo.path],
        { cwd: cli.scratch, env: cliEnv() },
      );
      const id = readdirSync(sessions)[0]!;
      cli.track(id, openSessionReadOnly(path.join(sessions, id)));
      expect(run.code, run.stdout + run.stderr).toBe(0);

      const html = path.join(cli.scratch, 'report.html');
      const wrote = await runCli(['report', id, '--sessions-dir', sessions, '-o', html], { cwd: cli.scratch, env: cliEnv() });
      expect(wrote.code, wrote.stderr).toBe(0);
      expect(wrote.stdout).toMatch(/^wrote .*report\.html \(HTML, \d+ KB\)\n$/);

      const chrome = await puppeteer.launch({ executablePath: browser, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
      try {
        const page = await openReport(chrome, html, 'completed');
        // The goal and a sub-goal's text are text, not markup.
        expect(await page.$$eval('img, script', (els) => els.length)).toBe(0);
        expect(await page.$eval('h1', (h) => (h as unknown as Text).textContent)).toBe(HOSTILE);
        const tree = await page.$$eval('ul.tree li.goal > b', (els) => els.map((e) => (e as unknown as Text).textContent));
        expect(tree).toEqual([`#1 ${HOSTILE}`, '#2 Create one.txt <b>now</b>', '#3 Create two.txt']);
        expect(await page.$$eval('svg.chart rect.chart-bar', (els) => els.length)).toBe(3);
        expect(await page.$eval('svg.chart .chart-title', (t) => (t as unknown as Text).textContent)).toBe('cost per goal');
        expect(await page.$$eval('pre.diff .add', (els) => els.map((e) => (e as unknown as Text).textContent))).toEqual(expect.arrayContaining(['+one.txt', '+two.txt']));
        const shot = path.join(cli.scratch, 'report.png');
        await page.screenshot({ path: shot, fullPage: true });
        expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
        expect(statSync(shot).size).toBeGreaterThan(10_000);
        await expectTreeAndChart(page, 'completed');
      } finally {
        await chrome.close();
      }

      const md = await runCli(['report', id, '--sessions-dir', sessions, '--format', 'md'], { cwd: cli.scratch, env: cliEnv() });
      expect(md.code, md.stderr).toBe(0);
      expect(md.stdout).toContain('## Goals');
      expect(md.stdout).toContain('Create one.txt \\<b\\>now\\</b\\>');
      expect(md.stdout).toContain('\\<img src="https://example.invalid/x.png" onerror="alert(1)"\\>');
      expect(md.stdout).toMatch(/\| \\#2 Create one\.txt .* \| 1 \| 1 \| 1200 \| \$0\.0500 \|/);
      expect(md.stdout).toMatch(/^```diff\n[\s\S]*\n\+one\.txt\n[\s\S]*\n\+two\.txt\n```$/m);
      expect(md.stdout).not.toContain('<svg');
    } finally {
      repo.cleanup();
    }
  });

  it('a failed and an interrupted session make reports that pass the same check', async () => {
    const browser = chromiumOrSkip();
    if (!browser) return;
    const cases = [
      { name: 'failed', exit: 1, extra: ['--max-depth', '0'], steps: [{ text: 'I will not write it.' }] },
      { name: 'interrupted', exit: 130, extra: ['--timeout', '5'], steps: [file('one.txt', 0), { text: 'never in time', delay_ms: 600_000 }] },
    ];
    const chrome = await puppeteer.launch({ executablePath: browser, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      for (const c of cases) {
        const repo = cli.repo();
        const sessions = path.join(cli.scratch, c.name);
        const run = await runCli(
          ['--sessions-dir', sessions, '--network', 'none', '--image', TEST_IMAGE, '--plain', '--no-migration-check', '--validate', 'test -f one.txt', ...c.extra,
            '--model-a', scriptModel(c.steps, cli.scratch), '--model-b', scriptModel([{ text: 'unused' }], cli.scratch), 'Write one.txt', repo.path],
          { cwd: cli.scratch, env: cliEnv() },
        );
        const id = readdirSync(sessions)[0]!;
        const reader = cli.track(id, openSessionReadOnly(path.join(sessions, id)));
        expect(run.code, run.stdout + run.stderr).toBe(c.exit);
        expect(reader.getSession().status).toBe(c.name);

        const html = path.join(cli.scratch, `${c.name}.html`);
        expect((await runCli(['report', id, '--sessions-dir', sessions, '-o', html], { cwd: cli.scratch, env: cliEnv() })).code).toBe(0);
        const page = await openReport(chrome, html, c.name);
        expect(await page.$eval('.badge', (b) => (b as unknown as Text).textContent), c.name).toBe(c.name);
        await expectTreeAndChart(page, c.name);
        await page.close();
        const md = await runCli(['report', id, '--sessions-dir', sessions, '--format', 'md'], { cwd: cli.scratch, env: cliEnv() });
        expect(md.stdout, c.name).toContain(`**${c.name}**`);
      }
    } finally {
      await chrome.close();
    }
  });
});
