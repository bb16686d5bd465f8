import { describe, expect, it } from 'vitest';
import { CappedOutput } from '../src/runtime/capped-output.js';

describe('CappedOutput', () => {
  it('keeps everything below the cap', () => {
    const out = new CappedOutput(4, 4);
    out.push(Buffer.from('abc'));
    out.push(Buffer.from('defgh'));
    expect(out.text()).toBe('abcdefgh');
    expect(out.elidedBytes).toBe(0);
  });

  it('keeps the head and the tail across chunk boundaries and says how much it dropped', () => {
    const out = new CappedOutput(3, 4);
    for (const chunk of ['ab', 'cdef', 'ghij', 'k', 'lmnop']) out.push(Buffer.from(chunk));
    expect(out.text()).toBe('abc\n[... 9 bytes elided ...]\nmnop');
    expect(out.totalBytes).toBe(16);
    expect(out.elidedBytes).toBe(9);
  });

  it('stays bounded however much is pushed', () => {
    const out = new CappedOutput(1024, 1024);
    const chunk = Buffer.alloc(64 * 1024, 'x');
    for (let i = 0; i < 1000; i++) out.push(chunk);
    expect(out.text().length).toBeLessThan(2048 + 64);
    expect(out.totalBytes).toBe(64 * 1024 * 1000);
  });
});
