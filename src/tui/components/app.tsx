/** @jsxRuntime automatic */
// The whole screen: a stack of views (enter pushes, esc pops), the footer with the keys, and the
// keys that work everywhere: q (stop the run after a confirmation, or quit), Ctrl-C, esc.
import { Box } from 'ink';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { KeyAction } from '../data/keys.js';
import type { LiveSession } from '../data/live-session.js';
import type { BrowserRow } from '../data/sessions.js';
import { approvePlan, editPlan, rejectPlan, sendHint, type SteerHost, type SteerNotice } from '../data/steer.js';
import { HintInput } from './hint-input.js';
import { PlanPanel, planPanelRows } from './plan-panel.js';
import { ActionScreen } from './action-screen.js';
import { AttemptScreen } from './attempt-screen.js';
import { DiffScreen } from './diff-screen.js';
import { GoalScreen } from './goal-screen.js';
import { useKeys } from './keys.js';
import { SessionList } from './session-list.js';
import { SessionScreen } from './session-screen.js';
import { SizeContext, useTerminalSize, type Size } from './size.js';
import { TranscriptScreen } from './transcript-screen.js';
import { Row, ThemeContext, withRight, type Segment } from './theme.js';
import { sessionView, type View } from './views.js';

export type AppMode = 'run' | 'watch' | 'browse';

export interface AppProps {
  mode: AppMode;
  /** The session shown first (run, watch); browse starts at the session list. */
  live?: LiveSession;
  sessionsDir?: string;
  /** browse: opens a session read-only, kept current by polling; throws when it cannot. */
  openSession?: (row: BrowserRow) => LiveSession;
  /** run: --max-cost (watch and browse read it from the session's options). */
  maxCost?: number;
  /** run: the closing summary, once the run is over; the screen then stays until q. */
  summary?: string | null;
  /** run: q confirmed; stop gracefully. */
  onStop?: () => void;
  /** run: Ctrl-C (the host decides: stop gracefully first, quit at once the second time). */
  onInterrupt?: () => void;
  onQuit: () => void;
  color?: boolean;
  /** Pins the size (tests, bench); otherwise the terminal's, followed on resize. */
  size?: Size;
  /** run, watch: hints and plan decisions (h; a, e, x) for the session shown first. */
  steer?: SteerHost;
}

export function App(props: AppProps) {
  return (
    <ThemeContext.Provider value={{ color: props.color ?? true }}>
      <SizeContext.Provider value={props.size ?? null}>
        <Screen {...props} />
      </SizeContext.Provider>
    </ThemeContext.Provider>
  );
}

const NO_LIVE = { subscribe: () => () => undefined, getSnapshot: () => null };

function Screen({ mode, live, sessionsDir, openSession, maxCost, summary = null, onStop, onInterrupt, onQuit, steer }: AppProps) {
  const { columns, rows } = useTerminalSize();
  const [stack, setStack] = useState<View[]>(() =>
    mode === 'browse' || !live ? [{ kind: 'sessions', cursor: 0, start: 0 }] : [sessionView(live, false)],
  );
  const [confirming, setConfirming] = useState(false);
  const [stopping, setStopping] = useState(false);
  const [notice, setNotice] = useState<SteerNotice | null>(null);
  // Steering: the hint being typed (null: none), a reject waiting for y, an edit refused (kept for the next e).
  const [typing, setTyping] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [draft, setDraft] = useState<{ proposalId: number; text: string } | null>(null);
  const steered = steer && live && mode !== 'browse' ? live : undefined;
  const snapshot = useSyncExternalStore(steered?.subscribe ?? NO_LIVE.subscribe, steered?.getSnapshot ?? NO_LIVE.getSnapshot);
  const plan = snapshot?.session.status === 'running' ? snapshot.plan : null;
  const stackRef = useRef(stack);
  stackRef.current = stack;

  useEffect(
    () => () => {
      for (const view of stackRef.current) if (view.kind === 'session' && view.owned) view.live.close();
    },
    [],
  );

  const top = stack[stack.length - 1]!;
  const finished = summary !== null;
  const running = mode === 'run' && !finished;

  const push = (view: View) => setStack((s) => [...s, view]);
  const pop = () =>
    setStack((s) => {
      if (s.length <= 1) return s;
      const gone = s[s.length - 1]!;
      if (gone.kind === 'session' && gone.owned) gone.live.close();
      return s.slice(0, -1);
    });
  const update = (patch: Partial<View>) => setStack((s) => [...s.slice(0, -1), { ...s[s.length - 1]!, ...patch } as View]);

  useKeys(typing === null, (action: KeyAction) => {
    if (rejecting) {
      setRejecting(false);
      if (action === 'yes' && plan && steer) decided(rejectPlan(steer, plan));
      return;
    }
    if (confirming) {
      if (action === 'yes') {
        setConfirming(false);
        setStopping(true);
        onStop?.();
      } else if (action === 'no' || action === 'back' || action === 'quit') setConfirming(false);
      else if (action === 'interrupt') interrupt();
      return;
    }
    setNotice(null);
    if (action === 'interrupt') return interrupt();
    if (steer && steered && (action === 'hint' || action === 'approve' || action === 'edit' || action === 'reject')) return steerKey(action);
    if (action === 'back') return pop();
    if (action !== 'quit') return;
    if (!running) return onQuit();
    if (stopping) return setNotice({ text: 'Stopping: waiting for the model call and the container to wind down (Ctrl-C twice quits at once)', tone: 'warn' });
    setConfirming(true);
  });

  function decided(result: SteerNotice) {
    setNotice(result);
    steered?.refresh();
  }

  function steerKey(action: 'hint' | 'approve' | 'edit' | 'reject') {
    if (!steer || !steered) return;
    if (snapshot?.session.status !== 'running') return setNotice({ text: 'the session is not running: nothing to steer', tone: 'warn' });
    if (action === 'hint') return setTyping('');
    if (!plan) return setNotice({ text: 'no plan waits for a decision (a, e and x answer --approve-plans)', tone: 'warn' });
    if (action === 'approve') return decided(approvePlan(steer, plan));
    if (action === 'reject') return setRejecting(true);
    const edited = editPlan(steer, steered.reader, plan, draft?.proposalId === plan.proposalId ? draft.text : null);
    setDraft(edited.draft === null ? null : { proposalId: plan.proposalId, text: edited.draft });
    decided(edited.notice);
  }

  function interrupt() {
    setConfirming(false);
    if (!running) return onQuit();
    setStopping(true);
    onInterrupt?.();
  }

  const height = Math.max(1, rows - 1); // a full-height frame would make Ink clear the terminal on every render
  const panelRows = planPanelRows(plan, Math.floor((height - 1) / 2));
  const viewHeight = Math.max(0, height - 1 - panelRows);
  const common = { active: !confirming && !rejecting && typing === null, width: columns, height: viewHeight, push };
  let body;
  switch (top.kind) {
    case 'sessions':
      body = (
        <SessionList
          {...common}
          view={top}
          update={update}
          sessionsDir={sessionsDir ?? '.'}
          open={(row) => {
            if (!openSession) return 'cannot open sessions here';
            try {
              push(sessionView(openSession(row), true));
              return null;
            } catch (err) {
              return `${row.id} cannot be opened: ${err instanceof Error ? err.message : String(err)}`;
            }
          }}
        />
      );
      break;
    case 'session':
      body = <SessionScreen {...common} view={top} update={update} maxCost={maxCost ?? optionMaxCost(top.live)} stopping={stopping} summary={mode === 'run' ? summary : null} />;
      break;
    case 'goal':
      body = <GoalScreen {...common} view={top} update={update} />;
      break;
    case 'attempt':
      body = <AttemptScreen {...common} view={top} update={update} />;
      break;
    case 'action':
      body = <ActionScreen {...common} view={top} update={update} />;
      break;
    case 'diff':
      body = <DiffScreen {...common} view={top} update={update} />;
      break;
    case 'transcript':
      body = <TranscriptScreen {...common} view={top} update={update} />;
      break;
  }

  return (
    <Box flexDirection="column" width={columns} height={height} overflow="hidden">
      {body}
      {plan && panelRows > 0 ? <PlanPanel plan={plan} width={columns} rows={panelRows} rejecting={rejecting} /> : null}
      {typing !== null ? (
        <HintInput
          text={typing}
          width={columns}
          onChange={setTyping}
          onCancel={() => setTyping(null)}
          onSend={() => {
            const text = typing;
            setTyping(null);
            decided(steer ? sendHint(steer, text) : { text: 'hints cannot be sent from here', tone: 'warn' });
          }}
        />
      ) : (
      <Footer
        width={columns}
        view={top}
        depth={stack.length}
        mode={mode}
        running={running}
        stopping={stopping}
        confirming={confirming}
        notice={notice}
        steer={steered !== undefined}
      />
      )}
    </Box>
  );
}

function optionMaxCost(live: LiveSession): number | undefined {
  const value = live.getSnapshot().session.options.maxCost;
  return typeof value === 'number' && value > 0 ? value : undefined;
}

const VIEW_KEYS: Record<View['kind'], string> = {
  sessions: '↑↓/jk move · enter open · r refresh',
  session: '↑↓/jk move · enter open goal · f follow',
  goal: '↑↓ move · enter tool calls · d diff',
  attempt: '↑↓ move · PgUp/PgDn page · enter full output · m messages · d diff',
  action: '↑↓ PgUp/PgDn g/G scroll · o output/what the model saw · ←/→ previous/next call',
  diff: '↑↓ PgUp/PgDn g/G scroll · ]/[ next/previous file',
  transcript: '↑↓ PgUp/PgDn g/G scroll · ]/[ next/previous message',
};

function Footer(props: {
  width: number;
  view: View;
  depth: number;
  mode: AppMode;
  running: boolean;
  stopping: boolean;
  confirming: boolean;
  notice: SteerNotice | null;
  steer: boolean;
}) {
  const { width, view, depth, mode, running, stopping, confirming, notice, steer } = props;
  if (confirming) {
    return (
      <Row
        width={width}
        segments={[
          { text: ' Stop the run? y/n ', tone: 'warn', bold: true },
          { text: ' the model call is aborted, the container removed, the attempt marked interrupted; --resume continues it' },
        ]}
      />
    );
  }
  if (notice) return <Row width={width} segments={[{ text: ` ${notice.text}`, tone: notice.tone === 'warn' ? 'warn' : 'accent' }]} />;
  const back = depth > 1 ? (view.kind === 'session' ? ' · esc sessions' : ' · esc back') : '';
  const quit: Segment =
    mode === 'run'
      ? running
        ? stopping
          ? { text: 'stopping… (Ctrl-C quits at once)', tone: 'warn' }
          : { text: 'q stop the run', bold: true }
        : { text: 'q quit', bold: true }
      : mode === 'watch'
        ? { text: 'q quit (the run goes on)', bold: true }
        : { text: 'q quit', bold: true };
  const hint = steer && (running || mode === 'watch') ? ' · h hint' : '';
  return <Row width={width} segments={withRight([{ text: ` ${VIEW_KEYS[view.kind]}${back}${hint}`, tone: 'dim' }], [quit, { text: ' ' }], width, 10)} />;
}
