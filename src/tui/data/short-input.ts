// A tool call's input in a few words for one line of a list: the path, targets or pattern the
// call is about rather than its JSON. Inputs arrive as JSON text that may be cut short.
import { flat } from '../../present/sanitize.js';

const FIRST_KEYS = ['path', 'targets', 'target', 'query', 'pattern', 'command', 'glob', 'dir'];

export function shortInput(inputJson: string): string {
  let value: unknown;
  try {
    value = JSON.parse(inputJson);
  } catch {
    return fromCutJson(inputJson);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return flat(String(JSON.stringify(value)));
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of FIRST_KEYS) {
    if (key in record) parts.push(scalar(record[key]));
  }
  for (const [key, v] of Object.entries(record)) {
    if (FIRST_KEYS.includes(key)) continue;
    if (typeof v === 'string' && (v.includes('\n') || v.length > 60)) parts.push(`${key}: ${v.length} chars`);
    else parts.push(`${key}=${scalar(v)}`);
  }
  return flat(parts.join(' '));
}

function scalar(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join(' ');
  return JSON.stringify(v) ?? String(v);
}

/** A preview cut mid-JSON: pull out `"path":"..."`-like fields, else show it as it is. */
function fromCutJson(text: string): string {
  for (const key of FIRST_KEYS) {
    const match = new RegExp(`"${key}"\\s*:\\s*("(?:[^"\\\\]|\\\\.)*"|\\[[^\\]]*\\])`).exec(text);
    if (match) {
      try {
        return flat(scalar(JSON.parse(match[1]!)));
      } catch {
        return flat(match[1]!);
      }
    }
  }
  return flat(text);
}
