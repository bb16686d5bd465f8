// Parses the build event protocol JSON file (`--build_event_json_file`, one event per line)
// into the facts the digest needs. Unknown events and fields are ignored; a truncated last line
// (Bazel killed mid-write) is skipped.
import { z } from 'zod';

const fileRef = z.object({ name: z.string().optional(), uri: z.string().optional() });
const labelId = z.object({ label: z.string().optional() });
const failureDetail = z.object({ message: z.string().optional() }).optional();

const eventId = z.object({
  pattern: z.object({ pattern: z.array(z.string()).optional() }).optional(),
  targetConfigured: labelId.optional(),
  targetCompleted: labelId.optional(),
  unconfiguredLabel: labelId.optional(),
  configuredLabel: labelId.optional(),
  actionCompleted: z.object({ label: z.string().optional(), primaryOutput: z.string().optional() }).optional(),
  testResult: z
    .object({ label: z.string().optional(), run: z.number().optional(), shard: z.number().optional(), attempt: z.number().optional() })
    .optional(),
  testSummary: labelId.optional(),
  buildFinished: z.object({}).optional(),
});

const buildEvent = z.object({
  id: eventId,
  children: z.array(eventId).optional(),
  started: z.object({ command: z.string().optional() }).optional(),
  progress: z.object({ stdout: z.string().optional(), stderr: z.string().optional() }).optional(),
  aborted: z.object({ reason: z.string().optional(), description: z.string().optional() }).optional(),
  configured: z.object({ targetKind: z.string().optional() }).optional(),
  completed: z.object({ success: z.boolean().optional(), failureDetail }).optional(),
  action: z
    .object({
      success: z.boolean().optional(),
      exitCode: z.number().optional(),
      label: z.string().optional(),
      type: z.string().optional(),
      stderr: fileRef.optional(),
      failureDetail,
    })
    .optional(),
  testResult: z
    .object({
      status: z.string().optional(),
      testActionOutput: z.array(fileRef).optional(),
      testAttemptDurationMillis: z.string().optional(),
      cachedLocally: z.boolean().optional(),
    })
    .optional(),
  testSummary: z
    .object({ overallStatus: z.string().optional(), failed: z.array(fileRef).optional(), totalRunCount: z.number().optional() })
    .optional(),
  finished: z
    .object({ exitCode: z.object({ name: z.string().optional(), code: z.number().optional() }).optional(), failureDetail })
    .optional(),
});
type BuildEvent = z.infer<typeof buildEvent>;

export interface FailedAction {
  label: string | null;
  /** Mnemonic, e.g. CppCompile. */
  type: string | null;
  exitCode: number | null;
  /** Container path of the action's stderr file, when Bazel kept one. */
  stderrPath: string | null;
  message: string | null;
}

export interface TargetOutcome {
  label: string;
  kind: string | null;
  success: boolean;
  /** Labels of the root causes Bazel attributes a failure to (the target itself for its own action). */
  rootCauses: string[];
  /** ANALYSIS_FAILURE, SKIPPED, ... when the target was aborted rather than completed. */
  abortReason: string | null;
  message: string | null;
}

export interface TestOutcome {
  label: string;
  status: string;
  run: number;
  shard: number;
  attempt: number;
  durationMs: number | null;
  /** Container path of test.log. */
  logPath: string | null;
  cached: boolean;
}

export interface PatternProblem {
  pattern: string;
  reason: string | null;
  description: string | null;
}

export interface BepSummary {
  command: string | null;
  patterns: string[];
  /** From the BuildFinished event; null when the file ends before it. */
  exitCode: number | null;
  exitName: string | null;
  failureMessage: string | null;
  /** Console text Bazel recorded in progress events. */
  stderr: string;
  stdout: string;
  targets: TargetOutcome[];
  failedActions: FailedAction[];
  tests: TestOutcome[];
  patternProblems: PatternProblem[];
  /** Labels Bazel reported as aborted root causes (e.g. a missing //lib:typo). */
  abortedLabels: { label: string; reason: string | null; description: string | null }[];
  events: number;
}

/** `file:///a/b%20c` → `/a/b c`; other schemes (remote bytestream) → null. */
export function fileUriToPath(uri: string | undefined): string | null {
  if (!uri?.startsWith('file://')) return null;
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return null;
  }
}

function childLabels(event: BuildEvent): string[] {
  const labels: string[] = [];
  for (const child of event.children ?? []) {
    const label =
      child.actionCompleted?.label ?? child.unconfiguredLabel?.label ?? child.configuredLabel?.label ?? undefined;
    if (label !== undefined && !labels.includes(label)) labels.push(label);
  }
  return labels;
}

export function parseBep(jsonLines: string): BepSummary {
  const summary: BepSummary = {
    command: null,
    patterns: [],
    exitCode: null,
    exitName: null,
    failureMessage: null,
    stderr: '',
    stdout: '',
    targets: [],
    failedActions: [],
    tests: [],
    patternProblems: [],
    abortedLabels: [],
    events: 0,
  };
  const kinds = new Map<string, string>();
  const targets = new Map<string, TargetOutcome>();
  const target = (label: string): TargetOutcome => {
    let t = targets.get(label);
    if (t === undefined) {
      t = { label, kind: null, success: false, rootCauses: [], abortReason: null, message: null };
      targets.set(label, t);
    }
    return t;
  };

  for (const line of jsonLines.split('\n')) {
    if (line.trim() === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      continue;
    }
    const parsed = buildEvent.safeParse(raw);
    if (!parsed.success) continue;
    const e = parsed.data;
    summary.events++;
    const { id } = e;

    if (e.started) summary.command = e.started.command ?? null;
    if (e.progress) {
      summary.stderr += e.progress.stderr ?? '';
      summary.stdout += e.progress.stdout ?? '';
    }
    if (id.pattern && e.aborted === undefined && summary.patterns.length === 0) {
      summary.patterns = id.pattern.pattern ?? [];
    }
    if (id.pattern && e.aborted) {
      summary.patternProblems.push({
        pattern: (id.pattern.pattern ?? []).join(' '),
        reason: e.aborted.reason ?? null,
        description: e.aborted.description ?? null,
      });
    }
    if (id.targetConfigured?.label && e.configured) {
      kinds.set(id.targetConfigured.label, e.configured.targetKind?.replace(/ rule$/, '') ?? '');
    }
    const abortedTarget = id.targetConfigured?.label ?? id.targetCompleted?.label;
    if (abortedTarget && e.aborted) {
      const t = target(abortedTarget);
      t.success = false;
      t.abortReason = e.aborted.reason ?? 'ABORTED';
      t.message = e.aborted.description || t.message;
      for (const l of childLabels(e)) if (!t.rootCauses.includes(l)) t.rootCauses.push(l);
    }
    const rootLabel = id.unconfiguredLabel?.label ?? id.configuredLabel?.label;
    if (rootLabel && e.aborted) {
      summary.abortedLabels.push({
        label: rootLabel,
        reason: e.aborted.reason ?? null,
        description: e.aborted.description || null,
      });
    }
    if (id.targetCompleted?.label && e.completed) {
      const t = target(id.targetCompleted.label);
      t.success = e.completed.success === true;
      t.message = e.completed.failureDetail?.message ?? null;
      if (!t.success) for (const l of childLabels(e)) if (!t.rootCauses.includes(l)) t.rootCauses.push(l);
    }
    if (e.action && e.action.success !== true) {
      summary.failedActions.push({
        label: e.action.label ?? id.actionCompleted?.label ?? null,
        type: e.action.type ?? null,
        exitCode: e.action.exitCode ?? null,
        stderrPath: fileUriToPath(e.action.stderr?.uri),
        message: e.action.failureDetail?.message ?? null,
      });
    }
    if (id.testResult?.label && e.testResult) {
      const log = e.testResult.testActionOutput?.find((o) => o.name === 'test.log');
      const ms = e.testResult.testAttemptDurationMillis;
      summary.tests.push({
        label: id.testResult.label,
        status: e.testResult.status ?? 'NO_STATUS',
        run: id.testResult.run ?? 1,
        shard: id.testResult.shard ?? 1,
        attempt: id.testResult.attempt ?? 1,
        durationMs: ms === undefined ? null : Number(ms),
        logPath: fileUriToPath(log?.uri),
        cached: e.testResult.cachedLocally === true,
      });
    }
    if (e.finished) {
      summary.exitCode = e.finished.exitCode?.code ?? 0;
      summary.exitName = e.finished.exitCode?.name ?? null;
      summary.failureMessage = e.finished.failureDetail?.message ?? null;
    }
  }
  for (const t of targets.values()) t.kind = kinds.get(t.label) || null;
  summary.targets = [...targets.values()];
  return summary;
}
