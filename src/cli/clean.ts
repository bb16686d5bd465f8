// `shots-on-goal clean [SESSION] [--all] [--dry-run]`: removes what runs leave behind (containers,
// Bazel cache volumes, worktrees, attempt branches) of sessions no live process drives. The
// session database is always kept: it is the record.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { sanitize } from '../present/sanitize.js';
import { recordDriverGone } from '../session/driver.js';
import { canonicalSessionsDir, resolveSessionsDir } from '../store/index.js';
import type { Command } from './args.js';
import {
  DockerRuntime,
  EngineUnreachableError,
  listLabelled,
  removeContainer,
  removeVolume,
  type EngineContents,
  type LabelledContainer,
  type LabelledVolume,
} from '../runtime/index.js';
import { findGitLeftovers } from './clean/git-leftovers.js';
import { demoDirOf, demoWorkOf } from './demo-copy.js';
import { CleanReport, plural } from './clean/report.js';
import { selectAll, selectNamed, stillUndriven, type CleanTarget } from './clean/targets.js';
import { EXIT } from './exit-codes.js';
import type { CliIO } from './io.js';

type CleanCommand = Extract<Command, { kind: 'clean' }>;

const MAX_DIRS_NAMED = 3;

interface Context {
  runtime: DockerRuntime;
  engine: EngineContents | null;
  report: CleanReport;
  all: boolean;
  named: boolean;
  /** The sessions dir as its sessions' containers and volumes are labelled with it. */
  scope: string;
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
  const ctx: Context = { runtime, engine, report, all: command.all, named: command.session !== undefined, scope: canonicalSessionsDir(sessionsDir) };

  for (const line of selection.skipped) report.note(line);
  for (const target of selection.targets) await cleanSession(target, ctx);
  if (!ctx.named && engine) await cleanVanishedSessions(engine, selection.known, sessionsDir, ctx);

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

  // Unlabelled ones (older versions) go with the session whose id they carry.
  const ofTarget = (r: { sessionId: string; sessionsDir: string | null }) =>
    r.sessionId === target.id && (r.sessionsDir === null || r.sessionsDir === ctx.scope);
  for (const c of engine?.containers.filter(ofTarget) ?? []) {
    await report.item('container', describe(c), () => removeContainer(runtime, c.id));
  }
  for (const v of engine?.volumes.filter(ofTarget) ?? []) {
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

  // A demo's copy is ours to remove with its branches, unless the user has made it theirs.
  const demo = demoDirOf(target.repoPath);
  if (demo && ctx.all && git.kept.length === 0) {
    const theirs = await demoWorkOf(target.repoPath);
    if (theirs) report.line(`kept demo repository ${demo}: ${theirs}`);
    else await report.item('demo repository', demo, () => rm(demo, { recursive: true, force: true }));
  }

  if (target.status === 'running') {
    if (report.dryRun) report.line('would record it as interrupted: its process is gone');
    else {
      try {
        if (recordDriverGone(target.dir)) report.line('recorded it as interrupted: its process is gone (--resume continues it)');
      } catch (err) {
        report.failure(`could not record it as interrupted: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
  if (ctx.named && report.groupItemCount === 0 && target.status !== 'running') report.line('nothing to clean');
  if (report.groupHasLines) {
    for (const note of git.notes) report.line(note);
    if (git.kept.length > 0) {
      const result = target.resultBranch && git.kept.includes(target.resultBranch) ? `, result branch ${target.resultBranch}` : '';
      report.line(`kept ${plural(git.kept.length, 'goal branch')}${result} (--all deletes them too)`);
    }
    if (demo && !ctx.all && existsSync(demo)) report.line(`kept demo repository ${demo} (--all removes it too)`);
    if (demo && ctx.all && git.kept.length > 0) report.line(`kept demo repository ${demo}: it holds the branches kept above`);
  }
}

/**
 * What carries this sessions dir's label but belongs to none of its sessions: when the session's
 * directory is gone, its containers and cache volumes go too. Whatever is labelled with another
 * sessions dir is never touched (`clean --sessions-dir` there does it), nor what an older version
 * made without that label.
 */
async function cleanVanishedSessions(engine: EngineContents, known: Set<string>, sessionsDir: string, ctx: Context): Promise<void> {
  const { report, runtime, scope } = ctx;
  const unknown = (r: { sessionId: string }) => !known.has(r.sessionId);
  const resources = [...engine.containers, ...engine.volumes].filter(unknown);
  const here = (r: { sessionId: string; sessionsDir: string | null }) => unknown(r) && r.sessionsDir === scope;
  const gone = (id: string) => !existsSync(path.join(sessionsDir, id));
  const vanished = [...new Set(resources.filter(here).map((r) => r.sessionId))];
  for (const sessionId of vanished.filter(gone)) {
    report.group(`session ${sessionId} (its session directory is gone)`);
    for (const c of engine.containers.filter((c) => here(c) && c.sessionId === sessionId)) {
      await report.item('container', describe(c), () => removeContainer(runtime, c.id));
    }
    for (const v of engine.volumes.filter((v) => here(v) && v.sessionId === sessionId)) {
      await report.item('volume', v.name, () => removeVolume(runtime, v.name));
    }
  }
  const unread = vanished.filter((id) => !gone(id));
  if (unread.length > 0) {
    report.note(`kept the containers and cache volumes of ${unread.join(', ')}: ${sessionsDir} has a directory but no readable session for them`);
  }

  const elsewhere = new Map<string, (LabelledContainer | LabelledVolume)[]>();
  for (const r of resources.filter((r) => r.sessionsDir !== null && r.sessionsDir !== scope)) {
    elsewhere.set(r.sessionsDir!, [...(elsewhere.get(r.sessionsDir!) ?? []), r]);
  }
  const dirs = [...elsewhere.keys()].sort();
  for (const dir of dirs.slice(0, MAX_DIRS_NAMED)) {
    report.note(`kept ${counted(elsewhere.get(dir)!)} of sessions in ${dir}: \`shots-on-goal clean --sessions-dir ${dir}\` cleans them`);
  }
  if (dirs.length > MAX_DIRS_NAMED) {
    const rest = dirs.slice(MAX_DIRS_NAMED).flatMap((dir) => elsewhere.get(dir)!);
    report.note(`kept ${counted(rest)} of sessions in ${plural(dirs.length - MAX_DIRS_NAMED, 'other sessions dir')}`);
  }
  const unlabelled = resources.filter((r) => r.sessionsDir === null);
  if (unlabelled.length > 0) {
    const sessions = [...new Set(unlabelled.map((r) => r.sessionId))];
    report.note(
      `kept ${counted(unlabelled)} of ${plural(sessions.length, 'session')} with no sessions directory label ` +
        `(made by an older version: ${sessions.slice(0, 3).join(', ')}${sessions.length > 3 ? ', …' : ''}); if those sessions ` +
        'are gone, remove them with `docker rm -f` and `docker volume rm` (Podman takes the same commands)',
    );
  }
}

function counted(found: (LabelledContainer | LabelledVolume)[]): string {
  const containers = found.filter((r) => 'id' in r).length;
  const volumes = found.length - containers;
  return [containers > 0 ? plural(containers, 'container') : '', volumes > 0 ? plural(volumes, 'cache volume') : '']
    .filter(Boolean)
    .join(' and ');
}

function describe(c: LabelledContainer): string {
  return `${c.id.slice(0, 12)} (${c.name})`;
}
