// `shots-on-goal clean [SESSION] [--all] [--dry-run]`: removes what runs leave behind (containers,
// Bazel cache volumes, worktrees, attempt branches) of sessions no live process drives. The
// session database is always kept: it is the record.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { sanitize } from '../present/sanitize.js';
import { driverAlive } from '../session/driver.js';
import { resolveSessionsDir } from '../store/index.js';
import type { Command } from './args.js';
import {
  DockerRuntime,
  EngineUnreachableError,
  listLabelled,
  removeContainer,
  removeVolume,
  type EngineContents,
  type LabelledContainer,
} from '../runtime/index.js';
import { findGitLeftovers } from './clean/git-leftovers.js';
import { CleanReport, plural } from './clean/report.js';
import { holder, selectAll, selectNamed, sessionIdAt, stillUndriven, type CleanTarget } from './clean/targets.js';
import { EXIT } from './exit-codes.js';
import type { CliIO } from './main.js';

type CleanCommand = Extract<Command, { kind: 'clean' }>;

interface Context {
  runtime: DockerRuntime;
  engine: EngineContents | null;
  report: CleanReport;
  all: boolean;
  named: boolean;
}

export async function cleanCommand(command: CleanCommand, io: CliIO): Promise<number> {
  const sessionsDir = resolveSessionsDir({ flag: command.sessionsDir, env: io.env });
  const selection = command.session ? selectNamed(sessionsDir, command.session) : selectAll(sessionsDir);
  const report = new CleanReport((text) => io.stdout.write(sanitize(text)), command.dryRun);
  const runtime = new DockerRuntime();
  let engine: EngineContents | null = null;
  try {
    engine = await listLabelled(runtime);
  } catch (err) {
    if (!(err instanceof EngineUnreachableError)) throw err;
    report.note(`${err.message}: containers and cache volumes were not checked`);
    report.failures += 1;
  }
  const ctx: Context = { runtime, engine, report, all: command.all, named: command.session !== undefined };

  for (const line of selection.skipped) report.note(line);
  for (const target of selection.targets) await cleanSession(target, ctx);
  if (!ctx.named && engine) await cleanUnknownSessions(engine, selection.known, sessionsDir, ctx);

  io.stdout.write(sanitize(report.summary(ctx.named ? `session ${selection.targets[0]!.id}` : sessionsDir)));
  return report.failures > 0 ? EXIT.failed : EXIT.completed;
}

async function cleanSession(target: CleanTarget, ctx: Context): Promise<void> {
  const { report, engine, runtime } = ctx;
  const state = target.status === 'running' ? 'running, but no live process drives it' : target.status;
  report.group(`session ${target.id} (${state}; repository ${target.repoPath})`, ctx.named);
  const git = await findGitLeftovers(target, ctx.all);
  if (!report.dryRun && !stillUndriven(target.dir)) {
    report.line('skipped: a process started driving it meanwhile');
    return;
  }

  for (const c of engine?.containers.filter((c) => c.sessionId === target.id) ?? []) {
    await report.item('container', describe(c), () => removeContainer(runtime, c.id));
  }
  for (const v of engine?.volumes.filter((v) => v.sessionId === target.id) ?? []) {
    await report.item('volume', v.name, () => removeVolume(runtime, v.name));
  }
  for (const worktree of git.worktrees) {
    await report.item('worktree', worktree, () =>
      git.workspace ? git.workspace.removeWorktree(worktree) : rm(worktree, { recursive: true, force: true }),
    );
  }
  if (!report.dryRun && git.workspace && git.pruneSafe) {
    await git.workspace.prune().catch((err: unknown) => report.failure(`git worktree prune failed in ${target.repoPath}: ${err instanceof Error ? err.message : String(err)}`));
  }
  for (const branch of git.branches) {
    await report.item('branch', `${branch.name} (was ${branch.sha.slice(0, 12)})`, async () => {
      return (await git.workspace!.deleteBranches([branch.name])).length > 0;
    });
  }

  if (ctx.named && report.groupItemCount === 0) report.line('nothing to clean');
  if (report.groupHasLines) {
    for (const note of git.notes) report.line(note);
    if (git.kept.length > 0) {
      const result = target.resultBranch && git.kept.includes(target.resultBranch) ? `, result branch ${target.resultBranch}` : '';
      report.line(`kept ${plural(git.kept.length, 'goal branch')}${result} (--all deletes them too)`);
    }
  }
}

/**
 * Containers labelled with a session that is not in this sessions dir: leftovers of a crash, or
 * of a session whose directory was deleted. A container whose workspace shows a live session
 * (in another sessions dir) is kept, and so is one whose workspace still exists outside any
 * session: we cannot tell that it is dead.
 */
async function cleanUnknownSessions(engine: EngineContents, known: Set<string>, sessionsDir: string, ctx: Context): Promise<void> {
  const { report, runtime } = ctx;
  const bySession = new Map<string, LabelledContainer[]>();
  for (const c of engine.containers) {
    if (known.has(c.sessionId)) continue;
    bySession.set(c.sessionId, [...(bySession.get(c.sessionId) ?? []), c]);
  }
  const handled = new Set<string>();
  for (const [sessionId, containers] of bySession) {
    const verdict = judgeUnknown(sessionId, containers, sessionsDir);
    if (!verdict.remove) {
      report.note(`kept ${plural(containers.length, 'container')} of session ${sessionId}: ${verdict.why}`);
      continue;
    }
    report.group(verdict.heading);
    for (const c of containers) await report.item('container', describe(c), () => removeContainer(runtime, c.id));
    if (verdict.volumes) {
      handled.add(sessionId);
      for (const v of engine.volumes.filter((v) => v.sessionId === sessionId)) {
        await report.item('volume', v.name, () => removeVolume(runtime, v.name));
      }
    }
  }

  const strays = engine.volumes.filter((v) => !known.has(v.sessionId) && !handled.has(v.sessionId));
  if (strays.length > 0) {
    const sessions = [...new Set(strays.map((v) => v.sessionId))];
    report.note(
      `kept ${plural(strays.length, 'cache volume')} of ${plural(sessions.length, 'session')} not in ${sessionsDir} ` +
        `(${sessions.slice(0, 3).join(', ')}${sessions.length > 3 ? ', …' : ''}); run clean in their sessions dir, ` +
        `or docker volume rm them if those sessions are gone`,
    );
  }
}

type Verdict = { remove: false; why: string } | { remove: true; heading: string; volumes: boolean };

function judgeUnknown(sessionId: string, containers: LabelledContainer[], sessionsDir: string): Verdict {
  // Our containers mount <sessions dir>/<session>/worktrees/<name> at /workspace.
  for (const c of containers) {
    if (c.workspace === null || path.basename(path.dirname(c.workspace)) !== 'worktrees') continue;
    const sessionDir = path.dirname(path.dirname(c.workspace));
    const found = sessionIdAt(sessionDir);
    if (found === null || found.id !== sessionId) continue;
    if (driverAlive(found.driver)) {
      return { remove: false, why: `it is driven by ${holder(found.driver!)} from ${path.dirname(sessionDir)}` };
    }
    return { remove: true, heading: `session ${sessionId} of ${path.dirname(sessionDir)} (no live process drives it)`, volumes: false };
  }
  const existing = containers.find((c) => c.workspace !== null && existsSync(c.workspace));
  if (existing) return { remove: false, why: `not a session of ${sessionsDir}, and its workspace ${existing.workspace} still exists` };
  return { remove: true, heading: `session ${sessionId} (not in ${sessionsDir}; its session directory is gone)`, volumes: true };
}

function describe(c: LabelledContainer): string {
  return `${c.id.slice(0, 12)} (${c.name})`;
}
