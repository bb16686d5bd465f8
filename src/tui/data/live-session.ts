// The live screen's model: one session read through a SessionReader, kept current from the
// event log. Each refresh reads only the events after the last one seen (an indexed range),
// reloads the compact goal tree only when an event changed it, and keeps a bounded feed of the
// current attempt; the views render from the immutable snapshot it publishes.
import type { SessionEventType } from '../../events.js';
import { pendingPlans, type AttemptSummary, type GoalNode, type PendingPlan, type SessionInfo, type SessionReader, type StoredEvent } from '../../store/index.js';
import { reportLine } from '../../migration/index.js';
import { applyFeedEvents, EMPTY_FEED, type FeedState } from './feed.js';
import { applyRaceEvents, NO_RACE, type RaceFeeds } from './race-feed.js';

export interface GoalCounts {
  total: number;
  pending: number;
  inProgress: number;
  completed: number;
  failed: number;
  decomposed: number;
  stalled: number;
}

export interface LiveSnapshot {
  session: SessionInfo;
  tree: readonly GoalNode[];
  /** goal id → index in `tree`. */
  indexOf: ReadonlyMap<number, number>;
  counts: GoalCounts;
  /** The goal being worked: the deepest one in progress (its ancestors wait on it). */
  currentGoalId: number | null;
  feed: FeedState;
  /** The feed's attempt as stored (number, tokens, tool calls), when known. */
  feedAttempt: AttemptSummary | null;
  /** With --race: a feed per attempt of the current round (shown side by side), else none. */
  race: RaceFeeds;
  /** The race's attempts as stored, lane by lane (null while not yet read). */
  raceAttempts: readonly (AttemptSummary | null)[];
  /** The root goal's newest migration report in one line (reportLine), or null before the first check. */
  migration: string | null;
  /** The decomposition waiting for a person's decision (--approve-plans), or null. */
  plan: PendingPlan | null;
  /** Bumped by every refresh that saw a change: detail views re-query on it. */
  revision: number;
  /** Set when reading failed (e.g. the file went away); the last good data stays. */
  error: string | null;
}

export interface LiveSessionOptions {
  /** How many recent events seed the feed when opening (bounded, whatever the session's size). */
  seedEvents?: number;
  feedLimit?: number;
  /** Most events applied per refresh; the rest wait for the next one. */
  maxEventsPerRefresh?: number;
}

const TREE_EVENTS: ReadonlySet<SessionEventType> = new Set([
  'goal_created',
  'goal_started',
  'goal_finished',
  'attempt_started',
  'decomposed',
  'validation_started',
  'session_started',
  'session_finished',
]);

const PAGE = 500;

export class LiveSession {
  private lastEventId: number;
  private snap: LiveSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly feedLimit: number;
  private readonly maxEvents: number;
  private closers: (() => void)[] = [];
  private treeStale = false;

  constructor(
    readonly reader: SessionReader,
    options: LiveSessionOptions = {},
  ) {
    this.feedLimit = options.feedLimit ?? 200;
    this.maxEvents = options.maxEventsPerRefresh ?? 5000;
    this.lastEventId = Math.max(0, reader.lastEventId() - (options.seedEvents ?? 300));
    this.snap = {
      session: reader.getSession(),
      ...treeParts([]),
      feed: EMPTY_FEED,
      feedAttempt: null,
      race: NO_RACE,
      raceAttempts: [],
      migration: migrationLine(reader),
      plan: waitingPlan(reader),
      revision: 0,
      error: null,
    };
    this.treeStale = true;
    this.refresh();
    if (this.snap.feed.attemptId === null) this.adoptLatestAttempt();
  }

  getSnapshot = (): LiveSnapshot => this.snap;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Runs `close` when this session is closed (timers, the reader). */
  onClose(close: () => void): void {
    this.closers.push(close);
  }

  close(): void {
    const closers = this.closers;
    this.closers = [];
    for (const close of closers.reverse()) close();
    this.listeners.clear();
  }

  /** Pulls what is new from the DB; tells the listeners if anything changed. */
  refresh(): boolean {
    let changed = false;
    try {
      const events = this.readNewEvents();
      const session = this.reader.getSession();
      const prev = this.snap;
      let next: LiveSnapshot = prev;
      if (events.length > 0 || sessionChanged(prev.session, session)) {
        next = { ...next, session };
        changed = true;
      }
      if (events.length > 0) {
        const feed = applyFeedEvents(prev.feed, events, this.feedLimit);
        next = { ...next, feed };
        if (events.some((e) => TREE_EVENTS.has(e.type))) this.treeStale = true;
        const touchesAttempt = feed.attemptId !== null && (feed.attemptId !== prev.feed.attemptId || events.some((e) => e.attemptId === feed.attemptId || e.type === 'model_call'));
        if (events.some((e) => e.type === 'validation_finished')) next = { ...next, migration: migrationLine(this.reader) };
        if (events.some((e) => e.type === 'plan_proposed' || e.type === 'plan_decided')) next = { ...next, plan: waitingPlan(this.reader) };
        if (touchesAttempt) next = { ...next, feedAttempt: this.loadAttempt(feed.goalId, feed.attemptId) };
        const race = applyRaceEvents(prev.race, events, this.feedLimit);
        if (race !== prev.race) {
          next = { ...next, race, raceAttempts: race.lanes.map((lane) => this.loadAttempt(race.goalId, lane.attemptId)) };
        }
      }
      if (this.treeStale) {
        next = { ...next, ...treeParts(this.reader.goalTree()) };
        this.treeStale = false;
        changed = true;
      }
      if (prev.error !== null) {
        next = { ...next, error: null };
        changed = true;
      }
      if (changed) this.publish({ ...next, revision: prev.revision + 1 });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (this.snap.error !== message) this.publish({ ...this.snap, error: message, revision: this.snap.revision + 1 });
      return true;
    }
    return changed;
  }

  private readNewEvents(): StoredEvent[] {
    const all: StoredEvent[] = [];
    while (all.length < this.maxEvents) {
      const page = this.reader.eventsAfter(this.lastEventId, Math.min(PAGE, this.maxEvents - all.length));
      if (page.length === 0) break;
      all.push(...page);
      this.lastEventId = page[page.length - 1]!.id;
      if (page.length < PAGE) break;
    }
    return all;
  }

  private loadAttempt(goalId: number | null, attemptId: number | null): AttemptSummary | null {
    if (attemptId === null) return null;
    if (goalId !== null) {
      const found = this.reader.attemptsForGoal(goalId).find((a) => a.id === attemptId);
      if (found) return found;
    }
    const attempt = this.reader.getAttempt(attemptId);
    if (!attempt) return null;
    const { diff: _diff, validationResults: _vr, ...summary } = attempt;
    return summary;
  }

  /** The seed window held no attempt_started: show the newest attempt of the current goal, or of any. */
  private adoptLatestAttempt(): void {
    const running = this.reader.unfinishedAttempts();
    let attempt: AttemptSummary | undefined = running[running.length - 1];
    if (!attempt) {
      const goalId = this.snap.currentGoalId ?? lastWorkedGoal(this.snap.tree);
      if (goalId !== null) attempt = this.reader.attemptsForGoal(goalId).at(-1);
    }
    if (!attempt) return;
    this.publish({
      ...this.snap,
      feed: { ...this.snap.feed, attemptId: attempt.id, goalId: attempt.goalId, model: attempt.modelId, outcome: attempt.outcome },
      feedAttempt: attempt,
      revision: this.snap.revision + 1,
    });
  }

  private publish(next: LiveSnapshot): void {
    this.snap = next;
    for (const listener of this.listeners) listener();
  }
}

/** The plan waiting for a decision; none when the run no longer asks (resumed with --no-approve-plans). */
function waitingPlan(reader: SessionReader): PendingPlan | null {
  if (reader.getSession().options.approvePlans !== true) return null;
  return pendingPlans(reader)[0] ?? null;
}

function migrationLine(reader: SessionReader): string | null {
  const report = reader.latestReport();
  return report ? reportLine(report) : null;
}

function treeParts(tree: GoalNode[]): Pick<LiveSnapshot, 'tree' | 'indexOf' | 'counts' | 'currentGoalId'> {
  const indexOf = new Map<number, number>();
  const counts: GoalCounts = { total: tree.length, pending: 0, inProgress: 0, completed: 0, failed: 0, decomposed: 0, stalled: 0 };
  let current: GoalNode | null = null;
  tree.forEach((node, i) => {
    indexOf.set(node.id, i);
    if (node.status === 'in_progress') {
      counts.inProgress++;
      if (!current || node.depth >= current.depth) current = node;
    } else counts[node.status]++;
  });
  return { tree, indexOf, counts, currentGoalId: (current as GoalNode | null)?.id ?? null };
}

function lastWorkedGoal(tree: readonly GoalNode[]): number | null {
  for (let i = tree.length - 1; i >= 0; i--) if (tree[i]!.attemptCount > 0) return tree[i]!.id;
  return null;
}

function sessionChanged(a: SessionInfo, b: SessionInfo): boolean {
  return (
    a.status !== b.status ||
    a.totalCost !== b.totalCost ||
    a.totalTokensIn !== b.totalTokensIn ||
    a.totalTokensOut !== b.totalTokensOut ||
    a.resultBranch !== b.resultBranch ||
    a.endedAt !== b.endedAt ||
    a.driver?.pid !== b.driver?.pid ||
    a.driver?.heartbeatAt !== b.driver?.heartbeatAt
  );
}
