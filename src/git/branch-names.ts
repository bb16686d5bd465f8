// Branch names: sog/s<session>-g<goal>[-a<attempt>]-m<model>, as the original's
// s<session>-g<goal>-a<attempt>-m<model>, under one prefix so they are easy to find and clean.

export const BRANCH_PREFIX = 'sog/';

const MAX_MODEL_LENGTH = 40;

/**
 * Reduce a string to characters that are always safe in a ref component ([A-Za-z0-9._-]),
 * with no `..`, no leading `.` or `-`, and no trailing `.`, `-` or `.lock`.
 */
export function refSafe(text: string, maxLength = 80): string {
  let out = text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/-{2,}/g, '-');
  out = out.slice(0, maxLength);
  for (;;) {
    const trimmed = out
      .replace(/^[.-]+/, '')
      .replace(/[.-]+$/, '')
      .replace(/\.lock$/i, '');
    if (trimmed === out) break;
    out = trimmed;
  }
  return out;
}

/**
 * A short, ref-safe model name: `openrouter/anthropic/claude-sonnet-4.5` → `claude-sonnet-4.5`,
 * `openai-compatible/qwen2.5-coder:32b` → `qwen2.5-coder-32b`, `script:/tmp/a.json` → `a`.
 */
export function shortModelName(model: string): string {
  let name = model.trim();
  const script = /^script:(.*)$/i.exec(name);
  if (script) name = (script[1] ?? '').replace(/\.json$/i, '');
  const lastSegment = name.split(/[\\/]/).filter((s) => s.trim() !== '').pop() ?? '';
  return refSafe(lastSegment.toLowerCase(), MAX_MODEL_LENGTH) || 'model';
}

export interface BranchNameParts {
  sessionId: string;
  goalId: number | string;
  /** Absent for a goal branch. */
  attemptId?: number | string;
  model: string;
}

/** `sog/s<session>-g<goal>-a<attempt>-m<model>`; the goal's own branch has no `-a` part. */
export function branchName({ sessionId, goalId, attemptId, model }: BranchNameParts): string {
  const session = refSafe(sessionId) || 'session';
  const goal = refSafe(String(goalId)) || '0';
  const attempt = attemptId === undefined ? '' : `-a${refSafe(String(attemptId)) || '0'}`;
  return `${BRANCH_PREFIX}s${session}-g${goal}${attempt}-m${shortModelName(model)}`;
}

export interface ParsedBranchName {
  sessionId: string;
  goalId: string;
  attemptId: string | null;
  model: string;
}

const BRANCH_RE = /^sog\/s(.+?)-g([A-Za-z0-9._]+?)(?:-a([A-Za-z0-9._]+?))?-m([A-Za-z0-9._-]+)$/;

/** The parts of one of our branch names, or null for any other name. */
export function parseBranchName(name: string): ParsedBranchName | null {
  const m = BRANCH_RE.exec(name);
  if (!m) return null;
  return { sessionId: m[1]!, goalId: m[2]!, attemptId: m[3] ?? null, model: m[4]! };
}

export function isOurBranch(name: string): boolean {
  return name.startsWith(BRANCH_PREFIX) && name.length > BRANCH_PREFIX.length;
}
