import { describe, expect, it } from 'vitest';
import { capObservation, DEFAULT_MAX_OBSERVATION_CHARS } from '../../src/tools/cap.js';

describe('capObservation', () => {
  it('returns short text unchanged', () => {
    expect(capObservation('hello\nworld', 100)).toBe('hello\nworld');
    expect(capObservation('x'.repeat(DEFAULT_MAX_OBSERVATION_CHARS))).toHaveLength(DEFAULT_MAX_OBSERVATION_CHARS);
  });

  it('keeps head and tail, says how much was elided, and never exceeds the cap', () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `line ${i + 1}`);
    const text = lines.join('\n');
    const capped = capObservation(text, 1000);
    expect(capped.length).toBeLessThanOrEqual(1000);
    expect(capped.startsWith('line 1\nline 2\n')).toBe(true);
    expect(capped.endsWith('line 999\nline 1000')).toBe(true);
    const marker = /… ([\d,]+) characters \(([\d,]+) lines\) elided …/.exec(capped);
    expect(marker).not.toBeNull();
    const elidedChars = Number(marker![1]!.replace(/,/g, ''));
    const shown = capped.replace(`${marker![0]}\n`, '');
    // What is shown plus what was elided is the whole text (cut on line boundaries).
    expect(shown.length + elidedChars).toBe(text.length);
    expect(text.includes(shown.slice(0, shown.indexOf('\n', 200)))).toBe(true);
  });

  it('handles text without newlines', () => {
    const capped = capObservation('a'.repeat(5000) + 'b'.repeat(5000), 500);
    expect(capped.length).toBeLessThanOrEqual(500);
    expect(capped.startsWith('aaa')).toBe(true);
    expect(capped.endsWith('bbb')).toBe(true);
    expect(capped).toMatch(/characters \(\d+ lines\) elided/);
  });

  it('floors absurdly small caps instead of producing nothing useful', () => {
    const capped = capObservation('z'.repeat(10_000), 10);
    expect(capped.length).toBeLessThanOrEqual(200);
    expect(capped).toContain('elided');
  });
});
