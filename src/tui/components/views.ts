// The screens a person moves between, as entries of a stack (enter pushes, esc pops). Each entry
// keeps its own cursor so going back lands where one left.
import type { ActionPart } from '../data/documents.js';
import type { LiveSession } from '../data/live-session.js';

export type View =
  | { kind: 'sessions'; cursor: number; start: number }
  | { kind: 'session'; live: LiveSession; cursorId: number | null; follow: boolean; start: number; owned: boolean }
  | { kind: 'goal'; live: LiveSession; goalId: number; cursor: number; start: number }
  | { kind: 'attempt'; live: LiveSession; attemptId: number; cursor: number; start: number }
  | { kind: 'action'; live: LiveSession; attemptId: number; index: number; part: ActionPart; offset: number }
  | { kind: 'diff'; live: LiveSession; attemptId: number; offset: number }
  | { kind: 'transcript'; live: LiveSession; attemptId: number; offset: number };

export interface ViewProps<K extends View['kind']> {
  view: Extract<View, { kind: K }>;
  update: (patch: Partial<Extract<View, { kind: K }>>) => void;
  push: (view: View) => void;
  active: boolean;
  width: number;
  height: number;
}

export function sessionView(live: LiveSession, owned: boolean): View {
  return { kind: 'session', live, cursorId: null, follow: true, start: 0, owned };
}
