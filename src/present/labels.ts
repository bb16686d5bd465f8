// Words, glyphs and tones for statuses, and the small formatters the views share.
import type { AttemptOutcome, GoalStatus, PlanDecisionKind, SessionStatus, ValidationResult } from '../events.js';
import { shortNameOf } from '../models/index.js';
import { roleOf } from '../orchestrator/context.js';
import { driverAlive } from '../session/driver.js';
import type { DriverLock } from '../store/index.js';

export type StatusTone = 'muted' | 'active' | 'good' | 'bad' | 'split' | 'warn';

/** What became of a plan, after "plan for goal #N". */
export const PLAN_DECISION: Record<PlanDecisionKind, string> = {
  approved: 'approved',
  edited: 'edited',
  rejected: 'rejected',
  taken: 'taken as proposed by a run resumed without --approve-plans',
};

export const GOAL_STATUS: Record<GoalStatus, { glyph: string; word: string; tone: StatusTone }> = {
  pending: { glyph: '·', word: 'pending', tone: 'muted' },
  in_progress: { glyph: '▶', word: 'in progress', tone: 'active' },
  completed: { glyph: '✓', word: 'completed', tone: 'good' },
  failed: { glyph: '✗', word: 'failed', tone: 'bad' },
  decomposed: { glyph: '⑂', word: 'decomposed', tone: 'split' },
  stalled: { glyph: '≡', word: 'stalled', tone: 'bad' },
};

export const SESSION_STATUS: Record<SessionStatus, { glyph: string; word: string; tone: StatusTone }> = {
  running: { glyph: '●', word: 'running', tone: 'active' },
  completed: { glyph: '✓', word: 'completed', tone: 'good' },
  failed: { glyph: '✗', word: 'failed', tone: 'bad' },
  interrupted: { glyph: '■', word: 'interrupted', tone: 'warn' },
  budget_exhausted: { glyph: '$', word: 'budget spent', tone: 'warn' },
};

/**
 * A session recorded as running whose driver is gone (killed with -9, crashed, power lost): the
 * record cannot say so itself, the lock's holder can. It can be resumed or cleaned.
 */
export function orphaned(status: SessionStatus, driver: DriverLock | null): boolean {
  return status === 'running' && !driverAlive(driver);
}

export const ORPHANED_WORD = 'process gone';

export function outcomeLabel(outcome: AttemptOutcome | null): { word: string; tone: StatusTone } {
  if (outcome === null) return { word: 'running', tone: 'active' };
  if (outcome === 'success') return { word: 'success', tone: 'good' };
  if (outcome === 'interrupted' || outcome === 'budget_exhausted') return { word: outcome.replace(/_/g, ' '), tone: 'warn' };
  return { word: outcome.replace(/_/g, ' '), tone: 'bad' };
}

/** A goal's model role as a letter; the ping-pong rule itself is the orchestrator's roleOf. */
export function roleOfDepth(depth: number): 'A' | 'B' {
  return roleOf({ depth }) === 'a' ? 'A' : 'B';
}

export function modelLabel(spec: string | null, depth: number): string {
  return spec ? `${roleOfDepth(depth)} ${shortNameOf(spec)}` : roleOfDepth(depth);
}

/** 0:42, 12:05, 3:07:55 */
export function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor(s / 60) % 60;
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

export function millis(ms: number | null): string {
  if (ms === null) return '';
  return ms < 1000 ? `${Math.round(ms)}ms` : ms < 60_000 ? `${(ms / 1000).toFixed(1)}s` : clock(ms);
}

/** "just now", "5m ago", "3h ago", else the date. */
export function ago(iso: string, now: number): string {
  const ms = now - Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  if (ms < 60_000) return 'just now';
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)}m ago`;
  if (ms < 86_400_000) return `${Math.floor(ms / 3_600_000)}h ago`;
  return iso.slice(0, 16).replace('T', ' ');
}

/** A validation result's command, saying so when it ran as part of another (the migration check's build and test). */
export function validationLabel(r: Pick<ValidationResult, 'command' | 'partOf'>): string {
  return r.partOf ? `${r.command} (run by ${r.partOf})` : r.command;
}
