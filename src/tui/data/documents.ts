// Long texts shown in a scrollable window: a tool call's input and output, an attempt's diff.
// A document is built once when opened (sanitized, split, tagged); the view only renders the
// lines in its window.
import type { Action, StoredEvent } from '../../store/index.js';
import { sanitize } from '../../present/sanitize.js';
import { validationLabel } from '../../present/labels.js';
import { wrapLine } from '../text/width.js';

export type Tone = 'add' | 'del' | 'hunk' | 'file' | 'heading' | 'dim' | 'good' | 'bad';

export interface DocLine {
  text: string;
  tone?: Tone;
}

export interface Doc {
  lines: DocLine[];
  /** Line indexes that start a section (diff files, input/output): `]` and `[` jump between them. */
  sections: number[];
}

/** A unified diff with its lines tagged for colour. */
export function diffDocument(diff: string | null): Doc {
  if (diff === null || diff.trim() === '') return { lines: [{ text: '(no changes recorded for this attempt)', tone: 'dim' }], sections: [] };
  const lines: DocLine[] = [];
  const sections: number[] = [];
  for (const text of sanitize(diff).replace(/\n$/, '').split('\n')) {
    if (text.startsWith('diff --git ')) {
      sections.push(lines.length);
      lines.push({ text, tone: 'file' });
    } else if (text.startsWith('+++ ') || text.startsWith('--- ') || /^(index |new file mode|deleted file mode|similarity index|rename (from|to) |old mode|new mode|Binary files )/.test(text)) {
      lines.push({ text, tone: 'heading' });
    } else if (text.startsWith('@@')) lines.push({ text, tone: 'hunk' });
    else if (text.startsWith('+')) lines.push({ text, tone: 'add' });
    else if (text.startsWith('-')) lines.push({ text, tone: 'del' });
    else lines.push({ text });
  }
  return { lines, sections };
}

export type ActionPart = 'output' | 'observation';

/** A tool call's full input, then its full output (or what the model was shown instead). */
export function actionDocument(action: Action, part: ActionPart): Doc {
  const lines: DocLine[] = [];
  const sections: number[] = [0];
  lines.push({ text: `input (${action.inputChars.toLocaleString('en-US')} chars)`, tone: 'heading' });
  for (const line of inputLines(action.input)) lines.push({ text: `  ${line}` });
  lines.push({ text: '' });
  sections.push(lines.length);
  const text = part === 'output' ? action.output : action.observation;
  const label =
    part === 'output'
      ? `output (${(action.outputChars ?? 0).toLocaleString('en-US')} chars, everything the tool produced; o: what the model saw)`
      : `what the model saw (${(text ?? '').length.toLocaleString('en-US')} chars; o: the full output)`;
  lines.push({ text: label, tone: 'heading' });
  if (text === null) lines.push({ text: action.ok === null ? '  (still running)' : '  (none recorded)', tone: 'dim' });
  else if (text === '') lines.push({ text: '  (empty)', tone: 'dim' });
  else for (const line of sanitize(text).replace(/\n$/, '').split('\n')) lines.push({ text: `  ${line}` });
  return { lines, sections };
}

/** Input fields one per line; multi-line strings (file contents, replacements) shown as blocks. */
function inputLines(input: unknown): string[] {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return sanitize(JSON.stringify(input, null, 2) ?? String(input)).split('\n');
  const out: string[] = [];
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    if (typeof value === 'string' && value.includes('\n')) {
      out.push(`${key}:`);
      for (const line of sanitize(value).replace(/\n$/, '').split('\n')) out.push(`  │ ${line}`);
    } else {
      out.push(`${key}: ${sanitize(typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)))}`);
    }
  }
  return out.length > 0 ? out : ['{}'];
}

/** The document's lines wrapped to `width` (continuations keep the tone), with section starts remapped. */
export function wrapDoc(doc: Doc, width: number): Doc {
  const lines: DocLine[] = [];
  const starts: number[] = [];
  const sectionSet = new Set(doc.sections);
  doc.lines.forEach((line, i) => {
    if (sectionSet.has(i)) starts.push(lines.length);
    for (const piece of wrapLine(line.text, width)) lines.push(line.tone ? { text: piece, tone: line.tone } : { text: piece });
  });
  return { lines, sections: starts };
}

/**
 * An attempt as it happened: the model's messages in full, each tool call with its result, the
 * validation with its digests. Built from the attempt's own events.
 */
export function transcriptDocument(events: readonly StoredEvent[], modelName: (spec: string) => string): Doc {
  const lines: DocLine[] = [];
  const sections: number[] = [];
  const block = (text: string, indent: string, tone?: Tone) => {
    for (const line of sanitize(text).replace(/\n+$/, '').split('\n')) lines.push(tone ? { text: indent + line, tone } : { text: indent + line });
  };
  for (const { ts, event } of events) {
    const time = ts.slice(11, 19);
    switch (event.type) {
      case 'model_text':
        sections.push(lines.length);
        lines.push({ text: `${time} ${modelName(event.model)} says:`, tone: 'heading' });
        block(event.text, '  ');
        break;
      case 'tool_started':
        lines.push({ text: `${time} → ${event.tool} ${event.input}` });
        break;
      case 'tool_finished':
        lines.push({ text: `${time} ${event.ok ? '✓' : '✗'} ${event.tool}${event.exitCode !== null ? ` exit ${event.exitCode}` : ''}`, tone: event.ok ? 'good' : 'bad' });
        block(event.observation, '    ', 'dim');
        break;
      case 'model_call':
        if (event.error) lines.push({ text: `${time} model call failed: ${event.error}`, tone: 'bad' });
        break;
      case 'validation_finished':
        sections.push(lines.length);
        for (const r of event.results) {
          lines.push({ text: `${time} $ ${validationLabel(r)}: ${r.ok ? 'passed' : r.timedOut ? 'TIMED OUT' : `FAILED (exit ${r.exitCode ?? '?'})`}`, tone: r.ok ? 'good' : 'bad' });
          if (!r.ok) block(r.digest, '    ', 'dim');
        }
        break;
      case 'attempt_finished':
        lines.push({ text: `${time} attempt ${event.outcome.replace(/_/g, ' ')}${event.reason ? `: ${event.reason}` : ''}`, tone: event.outcome === 'success' ? 'good' : 'bad' });
        break;
      default:
        break;
    }
  }
  if (lines.length === 0) lines.push({ text: '(nothing recorded for this attempt yet)', tone: 'dim' });
  return { lines, sections };
}
