// Runs a batch's lines, at most `jobs` at a time, each as a child process of this same CLI: a
// normal run (or `--resume SESSION`) with the plain log going to a file in its session directory.
// A child has its own signal handlers, containers and lock, exactly as when a person starts it,
// so nothing of one session leaks into another. Each child is in a process group of its own, so
// a terminal's Ctrl-C reaches the batch alone, and the batch hands each running session one
// SIGINT per Ctrl-C: the first stops it gracefully (resumable), the second at once.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SessionStatus } from '../../events.js';
import { sanitize } from '../../present/sanitize.js';
import { listSessions, openSessionReadOnly, type SessionSummary } from '../../store/index.js';
import { logPathIn } from '../detach.js';
import { EXIT } from '../exit-codes.js';
import { selfProcess } from '../self-command.js';
import { currentGoal } from '../status.js';
import type { PlannedLine } from './plan.js';

const POLL_MS = 500;

export interface LineState {
  planned: PlannedLine;
  phase: 'waiting' | 'running' | 'done';
  /** The line's session, once known (a resumed one from the start). */
  session: string | null;
  /** When this batch started its child, and when the child ended. */
  startedAt?: number;
  endedAt?: number;
  /** From the session's database while it runs. */
  live?: { status: SessionStatus; cost: number; goal: { id: number; description: string } | null };
  /** The child ended without a session: its one line (a setup error), or how it ended. */
  problem?: string;
}

export interface JobsInput {
  states: LineState[];
  jobs: number;
  sessionsDir: string;
  env: NodeJS.ProcessEnv;
  /** The command line of the child for a line. */
  argsFor: (state: LineState) => string[];
  /** A new line's session became known (to be recorded). */
  onSession: (state: LineState) => void;
  /** Something shown changed, or time passed. */
  onTick: () => void;
}

interface Job {
  state: LineState;
  child: ChildProcess;
  exited: Promise<void>;
  done: boolean;
  /** Its plain log: in the sessions dir while its session is not known yet (then renamed into the session's directory). */
  log: string;
  pending: boolean;
  /** How the child ended. */
  ending: { code: number | null; signal: NodeJS.Signals | null; error?: string } | null;
  /** Sessions that existed before the child started: a new one for its repository is its own. */
  before: Set<string>;
  signals: number;
}

export class BatchJobs {
  private readonly running = new Set<Job>();
  private interrupts = 0;

  constructor(private readonly input: JobsInput) {}

  /** A Ctrl-C (or SIGTERM, or a hangup): start nothing more, and pass it on to each running session. */
  interrupt(): number {
    this.interrupts += 1;
    for (const job of this.running) this.signal(job);
    return this.interrupts;
  }

  get interrupted(): boolean {
    return this.interrupts > 0;
  }

  async run(): Promise<void> {
    const queue = this.input.states.filter((s) => s.phase === 'waiting');
    for (;;) {
      while (this.interrupts === 0 && this.running.size < this.input.jobs && queue.length > 0) this.start(queue.shift()!);
      if (this.running.size === 0) break;
      this.input.onTick();
      await Promise.race([...[...this.running].map((j) => j.exited), sleep(POLL_MS)]);
      this.refresh();
      for (const job of [...this.running]) if (job.done) this.finish(job);
    }
    this.input.onTick();
  }

  private start(state: LineState): void {
    const { sessionsDir } = this.input;
    const before = state.planned.action === 'start' ? new Set(listSessions(sessionsDir).map((s) => s.id)) : new Set<string>();
    // A resumed session logs beside its earlier runs' logs; a new one in the sessions dir until it is known.
    const pendingLog = state.session !== null ? null : path.join(sessionsDir, `.batch-${randomBytes(4).toString('hex')}.log`);
    const log = pendingLog ?? logPathIn(path.join(sessionsDir, state.session!));
    const fd = openSync(log, 'a', 0o600);
    const self = selfProcess(this.input.argsFor(state));
    let child: ChildProcess;
    try {
      child = spawn(self.command, self.args, { detached: true, stdio: ['ignore', fd, fd], env: this.input.env });
    } finally {
      closeSync(fd);
    }
    state.phase = 'running';
    state.startedAt = Date.now();
    const job: Job = { state, child, done: false, log, pending: pendingLog !== null, before, signals: 0, exited: Promise.resolve(), ending: null };
    job.exited = new Promise((resolve) => {
      const end = (ending: Job['ending']) => {
        if (job.done) return;
        job.done = true;
        job.ending = ending;
        resolve();
      };
      child.once('error', (err) => end({ code: null, signal: null, error: err.message }));
      child.once('exit', (code, signal) => end({ code, signal }));
    });
    this.running.add(job);
    // An interrupt that came while this one was being started reaches it too.
    for (let i = job.signals; i < this.interrupts; i++) this.signal(job);
  }

  private signal(job: Job): void {
    job.signals += 1;
    try {
      process.kill(job.child.pid!, 'SIGINT');
    } catch {
      // already gone
    }
  }

  private refresh(): void {
    for (const job of this.running) {
      if (job.state.session === null) this.identify(job, false);
      const id = job.state.session;
      if (id === null) continue;
      try {
        const reader = openSessionReadOnly(path.join(this.input.sessionsDir, id));
        try {
          const s = reader.getSession();
          job.state.live = { status: s.status, cost: s.totalCost, goal: s.status === 'running' ? (currentGoal(reader) ?? null) : null };
        } finally {
          reader.close();
        }
      } catch {
        // being created or briefly locked: the next tick reads it
      }
    }
  }

  /** Finds a new line's session: the one its child drives, or (once it has ended) a new one for its repository. */
  private identify(job: Job, ended: boolean): SessionSummary | null {
    const sessions = listSessions(this.input.sessionsDir).filter((s): s is SessionSummary => s.error === undefined);
    const found = ended
      ? sessions.find((s) => !job.before.has(s.id) && s.repoPath === job.state.planned.repo)
      : sessions.find((s) => s.driver?.pid === job.child.pid && s.driver?.host === hostname());
    if (!found) return null;
    job.state.session = found.id;
    if (job.pending) {
      const log = logPathIn(found.dir);
      renameSync(job.log, log);
      job.log = log;
      job.pending = false;
    }
    this.input.onSession(job.state);
    return found;
  }

  private finish(job: Job): void {
    this.running.delete(job);
    if (job.state.session === null) this.identify(job, true);
    const ending = job.ending!;
    const started = job.state.session === null ? 'could not start: ' : '';
    // Exit 2 is a setup error (before the session, or the engine gone during it): its one line says what.
    if (ending.error !== undefined) job.state.problem = `${started}${ending.error}`;
    else if (ending.code === EXIT.usage) job.state.problem = `${started}${lastLine(job.log)}`;
    // Interrupted before it made its session: not started, as the lines the interrupt kept from starting.
    else if (ending.signal && !(this.interrupts > 0 && job.state.session === null)) job.state.problem = `${started}ended by ${ending.signal}`;
    if (job.pending) rmSync(job.log, { force: true });
    job.state.phase = 'done';
    job.state.endedAt = Date.now();
  }
}

/** What a child said last: its setup error, one line. */
function lastLine(log: string): string {
  try {
    const lines = sanitize(readFileSync(log, 'utf8')).split('\n').map((l) => l.trim()).filter(Boolean);
    return (lines.at(-1) ?? 'it said nothing').replace(/^shots-on-goal: /, '');
  } catch {
    return 'it said nothing';
  }
}
