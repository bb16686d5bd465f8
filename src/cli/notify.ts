// --notify URL / --notify-command CMD: when a run ends (finished, interrupted, out of budget), and
// when a plan waits for approval (--approve-plans), a small JSON document goes to each URL (POST)
// and to each command (on stdin). Delivery is retried a
// few times within one timeout for all tries, so a target that hangs delays the end of the run by
// that much at most, and it never fails the run; each outcome becomes a session event. Nothing
// from the environment goes out: the document is built from the session's record, and a command
// runs without any variable that looks like a key or token.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ProposedSubGoal, SessionEvent } from '../events.js';
import { shellCommand } from '../present/shell.js';
import type { SessionReader } from '../store/index.js';
import { timeoutSignal } from '../timeout-signal.js';
import { selfCommand } from './self-command.js';

export interface NotifyTargets {
  urls: string[];
  commands: string[];
}

export const NOTIFY_TIMEOUT_MS = 10_000;
export const NOTIFY_ATTEMPTS = 3;
const RETRY_BASE_MS = 500;
const SECRET_VARIABLE = /key|token|secret|password|passwd|credential|auth|cookie|session/i;

export interface Notification {
  event: 'session_ended';
  session: string;
  status: string;
  reason: string | null;
  goal: string;
  repo: string;
  resultBranch: string | null;
  migration: { verdict: string; sources: { covered: number; total: number }; tests: { passing: number; total: number }; findings: number } | null;
  cost: number;
  tokens: { in: number; out: number };
  commands: { show: string; watch: string; resume: string | null };
}

/** A decomposition waits for a person's decision (--approve-plans): answer it in `watch` or on the live screen. */
export interface PlanNotification {
  event: 'plan_waiting';
  session: string;
  goal: { id: number; description: string };
  model: string;
  subGoals: { description: string; validation: string[] }[];
  commands: { watch: string };
}

export function planNotification(reader: SessionReader, plan: { goalId: number; model: string; subGoals: ProposedSubGoal[] }, sessionArgs: readonly string[]): PlanNotification {
  return {
    event: 'plan_waiting',
    session: reader.getSession().id,
    goal: { id: plan.goalId, description: reader.getGoal(plan.goalId)?.description ?? '' },
    model: plan.model,
    subGoals: plan.subGoals.map((s) => ({ description: s.description, validation: s.validation.map((v) => v.command) })),
    commands: { watch: shellCommand([...selfCommand(), 'watch', ...sessionArgs]) },
  };
}

export function notification(reader: SessionReader, sessionArgs: readonly string[]): Notification {
  const s = reader.getSession();
  const t = reader.totals();
  const report = reader.latestReport();
  const self = selfCommand();
  return {
    event: 'session_ended',
    session: s.id,
    status: s.status,
    reason: s.statusReason,
    goal: s.goal,
    repo: s.repoPath,
    resultBranch: s.resultBranch,
    migration: report
      ? { verdict: report.verdict, sources: { covered: report.sources.covered, total: report.sources.total }, tests: { passing: report.tests.passing, total: report.tests.total }, findings: report.findings.length }
      : null,
    cost: t.cost,
    tokens: { in: t.tokensIn, out: t.tokensOut },
    commands: {
      show: shellCommand([...self, 'show', ...sessionArgs]),
      watch: shellCommand([...self, 'watch', ...sessionArgs]),
      resume: s.status === 'interrupted' || s.status === 'budget_exhausted' ? shellCommand([...self, '--resume', ...sessionArgs]) : null,
    },
  };
}

/** Sends the document to every target at once; resolves when each has succeeded or given up. */
export async function deliver(targets: NotifyTargets, doc: Notification | PlanNotification, env: NodeJS.ProcessEnv, record: (event: SessionEvent) => void): Promise<void> {
  const body = `${JSON.stringify(doc)}\n`;
  const jobs = [
    ...targets.urls.map((url) => ({ name: redactUrl(url), send: (ms: number) => post(url, body, ms) })),
    ...targets.commands.map((command) => ({ name: `command ${command.split(/\s/)[0]}`, send: (ms: number) => runCommand(command, body, env, ms) })),
  ];
  const deadline = Date.now() + NOTIFY_TIMEOUT_MS;
  await Promise.all(
    jobs.map(async ({ name, send }) => {
      let last = '';
      let tries = 0;
      while (tries < NOTIFY_ATTEMPTS && Date.now() < deadline) {
        tries += 1;
        try {
          await send(deadline - Date.now());
          record({ type: 'log', level: 'info', message: `notified ${name}` });
          return;
        } catch (err) {
          last = err instanceof Error ? err.message : String(err);
          const pause = RETRY_BASE_MS * 2 ** (tries - 1);
          if (tries < NOTIFY_ATTEMPTS && Date.now() + pause < deadline) await sleep(pause);
          else break;
        }
      }
      record({ type: 'log', level: 'warn', message: `notification to ${name} failed after ${tries} ${tries === 1 ? 'try' : 'tries'}: ${last}` });
    }),
  );
}

/** A webhook URL's path and query often hold its token: only the origin is ever recorded or shown. */
export function redactUrl(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'an invalid URL';
  }
}

async function post(url: string, body: string, timeoutMs: number): Promise<void> {
  const deadline = timeoutSignal(timeoutMs);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'shots-on-goal' },
      body,
      redirect: 'error',
      signal: deadline.signal,
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  } catch (err) {
    throw new Error(fetchFailure(err));
  } finally {
    deadline.clear();
  }
}

function fetchFailure(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err.cause as { code?: string } | undefined)?.code;
  return code ?? err.message;
}

function runCommand(command: string, stdin: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<void> {
  const clean: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) if (!SECRET_VARIABLE.test(name) && !/^(OPENROUTER|OPENAI)/i.test(name)) clean[name] = value;
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { env: clean, stdio: ['pipe', 'ignore', 'ignore'], timeout: timeoutMs, killSignal: 'SIGKILL' });
    child.on('error', reject);
    child.on('close', (code, signal) => (code === 0 ? resolve() : reject(new Error(signal ? `killed by ${signal}` : `exit ${code}`))));
    child.stdin.on('error', () => undefined);
    child.stdin.end(stdin);
  });
}
