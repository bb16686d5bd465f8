import type { SessionEvent } from '../events.js';
import { shortNameOf } from '../models/index.js';
import { findingLines } from '../present/migration.js';
import { PLAN_DECISION, validationLabel } from '../present/labels.js';
import { sanitize } from '../present/sanitize.js';
import { escapeControls, oneLine } from '../text.js';

export interface PlainLogOptions {
  verbose: boolean;
  write: (line: string) => void;
  now?: () => number;
}

/** One line per event, for pipes, CI logs and `--plain`. */
export function createPlainLog({ verbose, write: writeRaw, now = Date.now }: PlainLogOptions): (event: SessionEvent) => void {
  const write = (text: string) => writeRaw(sanitize(text));
  const started = now();
  const stamp = () => {
    const s = Math.floor((now() - started) / 1000);
    return `[${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}]`;
  };
  const line = (text: string) => write(`${stamp()} ${text}`);
  const inputs = new Map<string, string>();
  // Two racing attempts interleave their lines: each of theirs starts with `[#id]`.
  const racing = new Set<number>();
  const tag = (attemptId: number | null | undefined) => (attemptId != null && racing.has(attemptId) ? `[#${attemptId}] ` : '');

  return (event) => {
    switch (event.type) {
      case 'session_started':
        line(`${event.resumed ? 'resumed' : 'session started'}: "${oneLine(event.goal, 100)}" on ${event.repo} (A ${event.modelA}, B ${event.modelB})`);
        break;
      case 'goal_created':
        break;
      case 'goal_started':
        line(`goal #${event.goalId} started with ${shortNameOf(event.model)}`);
        break;
      case 'attempt_started':
        if (event.racing) racing.add(event.attemptId);
        line(`${tag(event.attemptId)}attempt #${event.attemptId} on goal #${event.goalId} by ${shortNameOf(event.model)}${event.racing ? ', racing' : ''} (branch ${event.branch})`);
        break;
      case 'tool_started':
        inputs.set(`${event.attemptId}:${event.seq}`, event.input);
        break;
      case 'tool_finished': {
        const key = `${event.attemptId}:${event.seq}`;
        const input = inputs.get(key) ?? '';
        inputs.delete(key);
        const status = event.ok ? 'ok' : `ERROR${event.exitCode !== null && event.exitCode !== 0 ? ` exit ${event.exitCode}` : ''}`;
        write(`${tag(event.attemptId)}    ${event.tool} ${oneLine(input, 100)} ${status} ${formatMs(event.durationMs)}`);
        if (verbose || !event.ok) write(indent(verbose ? event.observation : oneLine(event.observation, 160), `${tag(event.attemptId)}      `));
        break;
      }
      case 'model_text':
        if (event.text.trim()) write(`${tag(event.attemptId)}    ${shortNameOf(event.model)}: ${verbose ? event.text.trim() : oneLine(event.text, 200)}`);
        break;
      case 'model_call':
        if (event.error) line(`${tag(event.attemptId)}model call to ${shortNameOf(event.model)} failed: ${oneLine(event.error, 200)}`);
        break;
      case 'validation_started':
        line(`${tag(event.attemptId)}validating goal #${event.goalId}: ${event.commands.map(escapeControls).join(' ; ')}`);
        break;
      case 'validation_finished':
        for (const r of event.results) {
          const status = r.ok ? 'passed' : r.timedOut ? 'TIMED OUT' : r.exitCode === null ? 'FAILED' : `FAILED (exit ${r.exitCode})`;
          write(`${tag(event.attemptId)}    $ ${escapeControls(validationLabel(r))}: ${status} ${formatMs(r.durationMs)}`);
          if (r.report) for (const l of findingLines(r.report, '      ')) write(`${tag(event.attemptId)}${l}`);
          else if (!r.ok) write(indent(verbose ? r.digest : oneLine(r.digest, 300), `${tag(event.attemptId)}      `));
        }
        break;
      case 'attempt_finished':
        line(`${tag(event.attemptId)}attempt #${event.attemptId} ${event.outcome}${event.reason ? `: ${oneLine(event.reason, 200)}` : ''}`);
        racing.delete(event.attemptId);
        break;
      case 'decomposed':
        line(`goal #${event.goalId} decomposed by ${shortNameOf(event.model)} into ${event.subGoals.length} sub-goals:`);
        for (const sub of event.subGoals) {
          write(`    #${sub.goalId} ${oneLine(sub.description, 160)}`);
          for (const v of sub.validation) write(`        $ ${escapeControls(v.command)}`);
        }
        break;
      case 'merge':
        if (!event.ok) line(`merge of ${event.from} into ${event.into} failed: ${escapeControls(event.reason ?? '')}`);
        break;
      case 'audit':
        line(`${tag(event.attemptId)}audit of attempt #${event.attemptId} by ${shortNameOf(event.model)}: ${event.verdict}${event.reasons.length ? `: ${oneLine(event.reasons.join('; '), 300)}` : ''}`);
        break;
      case 'ladder':
        line(`stall ladder, goal #${event.goalId}: ${event.rung.replace(/_/g, ' ')}: ${oneLine(event.evidence, 200)}`);
        break;
      case 'hint':
        line(`hint (${event.from}): ${oneLine(event.text, 300)}`);
        break;
      case 'hint_taken':
        line(`${shortNameOf(event.model)} took hint${event.hints.length === 1 ? '' : 's'} ${event.hints.map((h) => `#${h}`).join(', ')} into its ${event.purpose} prompt`);
        break;
      case 'plan_proposed':
        line(`plan for goal #${event.goalId} by ${shortNameOf(event.model)} waits for approval (${event.subGoals.length} sub-goals; answer in watch: a approve, e edit, x reject)`);
        event.subGoals.forEach((sub, i) => line(`  ${i + 1}. ${oneLine(sub.description, 200)} [${oneLine(sub.validation.map((v) => v.command).join('; '), 200)}]`));
        break;
      case 'plan_decided':
        line(`plan for goal #${event.goalId} ${PLAN_DECISION[event.decision]}`);
        break;
      case 'goal_finished':
        line(`goal #${event.goalId} ${event.status}${event.reason ? `: ${oneLine(event.reason, 200)}` : ''}`);
        break;
      case 'session_finished':
        line(`session ${event.status}`);
        break;
      case 'log':
        line(`${event.level === 'info' ? '' : `${event.level}: `}${event.message}`);
        break;
    }
  };
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(1)}s`;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
}
