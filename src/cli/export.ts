// `shots-on-goal export SESSION --branch NAME [--squash]`: the session's result as a branch worth a
// pull request: plain commits on the base commit (one per completed top-level sub-goal, or one
// with --squash) whose messages say what was migrated, by which models and at what cost.
import { existsSync } from 'node:fs';
import { Git } from '../git/git.js';
import { BRANCH_PREFIX } from '../git/branch-names.js';
import { BranchExistsError, validBranchName, writeResultBranch, type ResultStep } from '../git/result-commits.js';
import { firstShotLine, firstShotOf } from '../present/first-shot.js';
import { formatCost, formatTokens } from '../present/format.js';
import { sanitize } from '../present/sanitize.js';
import { shellCommand } from '../present/shell.js';
import { driverAlive } from '../session/driver.js';
import { openSessionReadOnly, resolveSessionRef, resolveSessionsDir, type SessionReader } from '../store/index.js';
import { escapeControls } from '../text.js';
import { EXIT } from './exit-codes.js';
import type { CliIO } from './io.js';
import { UsageError } from './usage-error.js';

export interface ExportCommand {
  session: string;
  sessionsDir?: string;
  branch: string;
  squash: boolean;
}

const SUBJECT_CHARS = 72;
const FINDINGS_LISTED = 10;

export async function exportCommand(command: ExportCommand, io: CliIO): Promise<number> {
  const dir = resolveSessionsDir({ flag: command.sessionsDir, env: io.env });
  const reader = openSessionReadOnly(resolveSessionRef(dir, command.session));
  try {
    const session = reader.getSession();
    if (session.status === 'running' && driverAlive(session.driver)) {
      throw new UsageError(`session ${session.id} is still running (pid ${session.driver!.pid}): export it once it ends`);
    }
    if (!existsSync(session.repoPath)) throw new UsageError(`the repository of session ${session.id}, ${session.repoPath}, is gone`);
    const git = new Git(session.repoPath);
    const result = session.resultBranch ? await git.resolveCommit(`refs/heads/${session.resultBranch}`) : null;
    if (!session.resultBranch) throw new UsageError(`session ${session.id} has no result branch: nothing was completed to export`);
    if (!result) throw new UsageError(`the result branch ${session.resultBranch} is no longer in ${session.repoPath} (clean --all deletes it)`);
    const branch = command.branch;
    if (branch.startsWith(BRANCH_PREFIX)) throw new UsageError(`--branch ${branch} is under ${BRANCH_PREFIX}, which shots-on-goal keeps for its own branches: pick another name`);
    if (!(await validBranchName(git, branch))) throw new UsageError(`--branch ${branch} is not a valid git branch name`);
    const exists = () => new UsageError(`branch ${branch} already exists in ${session.repoPath}: export never overwrites a branch, pick another name`);
    if (await git.resolveCommit(`refs/heads/${branch}`)) throw exists();

    const steps = command.squash ? [{ commit: result, message: summaryMessage(reader, null) }] : await stepsOf(reader, git, result);
    let written;
    try {
      written = await writeResultBranch(git, branch, session.baseCommit, steps);
    } catch (err) {
      if (err instanceof BranchExistsError) throw exists();
      throw err;
    }
    const base = session.baseCommit.slice(0, 12);
    const lines = [
      `exported session ${session.id} to branch ${branch} in ${session.repoPath}: ${written.length} commit${written.length === 1 ? '' : 's'} on ${base}`,
      ...written.map((c) => `  ${c.sha.slice(0, 12)} ${c.message.split('\n')[0]}`),
      `  ${shellCommand(['git', '-C', session.repoPath, 'log', '--stat', `${base}..${branch}`])}`,
    ];
    if (written.length === 0) lines.splice(1, 0, '  the result is the base commit itself: the branch points at it');
    io.stdout.write(sanitize(`${lines.join('\n')}\n`));
    return EXIT.completed;
  } finally {
    reader.close();
  }
}

/**
 * One step per completed top-level sub-goal (its branch holds the earlier ones too), after what the
 * root branch held when they began (the first shot's commit) and before what later root attempts
 * added. The last step carries the summary.
 */
async function stepsOf(reader: SessionReader, git: Git, result: string): Promise<ResultStep[]> {
  const root = reader.rootGoal()!;
  const done = reader.childGoals(root.id).filter((g) => g.status === 'completed' && g.gitBranch);
  const steps: ResultStep[] = [];
  const started = done[0] ? reader.attemptsForGoal(done[0].id)[0]?.baseSha : null;
  if (started) {
    const shot = firstShotLine(firstShotOf(reader));
    steps.push({ commit: started, message: subject(`Start: ${shot ?? `work on "${root.description}" before it was split`}`) });
  }
  for (const goal of done) {
    const tip = await git.resolveCommit(`refs/heads/${goal.gitBranch}`);
    if (tip) steps.push({ commit: tip, message: subject(goal.description) });
  }
  steps.push({ commit: result, message: '' });
  // The summary goes on whichever step turns out last (steps with no change write no commit).
  const trees = await Promise.all(steps.map((s) => git.text(['rev-parse', `${s.commit}^{tree}`])));
  let last = steps.length - 1;
  while (last > 0 && trees[last] === trees[last - 1]) last--;
  const kept = steps.slice(0, last + 1);
  kept[last] = { commit: result, message: summaryMessage(reader, kept.length > 1 ? kept[last]!.message || null : null) };
  return kept;
}

function subject(text: string): string {
  const line = escapeControls(text.split('\n')[0]!.trim());
  return line.length > SUBJECT_CHARS ? `${line.slice(0, SUBJECT_CHARS - 1)}…` : line;
}

/** The message of the last (or only) commit: the goal, the migration report, models and cost. */
function summaryMessage(reader: SessionReader, title: string | null): string {
  const s = reader.getSession();
  const t = reader.totals();
  const report = reader.latestReport();
  const heading = title ?? subject(s.goal);
  const body = heading === escapeControls(s.goal) ? [] : [escapeControls(s.goal)];
  if (report) {
    const verdict = report.verdict === 'migrated' ? 'migrated' : `not migrated (${report.findings.length} finding${report.findings.length === 1 ? '' : 's'})`;
    body.push(`Migration check: ${verdict}; ${report.sources.covered}/${report.sources.total} sources in targets, ${report.tests.passing}/${report.tests.total} tests passing.`);
    for (const f of report.findings.slice(0, FINDINGS_LISTED)) body.push(`- ${f.kind} ${escapeControls(f.subject)}: ${escapeControls(f.detail)}`);
    if (report.findings.length > FINDINGS_LISTED) body.push(`- ... ${report.findings.length - FINDINGS_LISTED} more`);
  }
  body.push(
    `Session ${s.id} ${s.status}${s.statusReason ? ` (${escapeControls(s.statusReason)})` : ''}: ${t.goals.completed}/${t.goals.total} goals completed in ${t.attempts} attempts.`,
    `Models: A ${s.modelA}, B ${s.modelB}. Cost ${formatCost(t.cost)} (${formatTokens(t.tokensIn)} tokens in, ${formatTokens(t.tokensOut)} out).`,
    `Made with shots-on-goal from ${s.baseCommit.slice(0, 12)}.`,
  );
  return `${heading}\n\n${body.join('\n')}\n`;
}
