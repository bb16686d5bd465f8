// Every observation the model sees goes through capObservation: a long output keeps its head
// and its tail (where compilers and test runners put the verdict) and says what was cut.
import { countLines } from './text.js';

export const DEFAULT_MAX_OBSERVATION_CHARS = 8000;

const MIN_CAP = 200;

export function elisionLine(chars: number, lines: number): string {
  return `… ${chars.toLocaleString('en-US')} characters (${lines.toLocaleString('en-US')} lines) elided …`;
}

/**
 * Returns `text` unchanged when it fits in `maxChars`; otherwise about 60% head and 40% tail,
 * cut at line boundaries where that loses little, joined by an elision line. The result
 * never exceeds `maxChars` (floored at 200).
 */
export function capObservation(text: string, maxChars: number = DEFAULT_MAX_OBSERVATION_CHARS): string {
  const cap = Math.max(MIN_CAP, Math.floor(maxChars));
  if (text.length <= cap) return text;
  // Room for the marker and its two newlines (numbers are at most as long as text.length).
  const reserve = elisionLine(text.length, text.length).length + 2;
  const budget = cap - reserve;
  let headEnd = Math.floor(budget * 0.6);
  let tailStart = text.length - (budget - headEnd);
  const slack = Math.floor(budget * 0.2);
  const nl = text.lastIndexOf('\n', headEnd - 1);
  if (nl !== -1 && headEnd - (nl + 1) <= slack) headEnd = nl + 1;
  const tnl = text.indexOf('\n', tailStart);
  if (tnl !== -1 && tnl + 1 - tailStart <= slack && tnl + 1 < text.length) tailStart = tnl + 1;
  const head = text.slice(0, headEnd);
  const tail = text.slice(tailStart);
  const elided = text.slice(headEnd, tailStart);
  const marker = elisionLine(elided.length, countLines(elided));
  return `${head}${head.endsWith('\n') ? '' : '\n'}${marker}\n${tail}`;
}
