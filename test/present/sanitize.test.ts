// Escapes beyond CSI and OSC: a terminal acts on any ESC sequence (ESC c resets it, ESC ( 0 turns
// letters into line-drawing glyphs for everything printed after), so none may reach it.
import { describe, expect, it } from 'vitest';
import { flat, sanitize } from '../../src/present/sanitize.js';

/** Everything but newline that a terminal acts on. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('sanitize removes every escape sequence, not only CSI and OSC', () => {
  it.each([
    ['a lone ESC at the end', 'ok\u001b', 'ok'],
    ['a lone ESC before a newline', 'ok\u001b\nnext', 'ok\nnext'],
    ['ESC ESC c', 'a\u001b\u001bcb', 'ab'],
    ['ESC c (full reset)', 'a\u001bcb', 'ab'],
    ['ESC ( 0 (line-drawing charset)', 'a\u001b(0qqq\u001b(Bb', 'aqqqb'],
    ['ESC ) 0 and ESC * / + charsets', 'a\u001b)0\u001b*A\u001b+Bb', 'ab'],
    ['ESC # 8 (fill the screen with E)', 'a\u001b#8b', 'ab'],
    ['ESC 7 / ESC 8 (save and restore the cursor)', '\u001b7a\u001b8b', 'ab'],
    ['ESC M (reverse index), ESC D, ESC E', 'a\u001bM\u001bD\u001bEb', 'ab'],
    ['ESC = / ESC > (keypad modes)', 'a\u001b=\u001b>b', 'ab'],
    ['ESC SP F (7-bit controls)', 'a\u001b Fb', 'ab'],
    ['ESC \\ (a string terminator on its own)', 'a\u001b\\b', 'ab'],
    ['8-bit OSC, DCS, NEL and CSI', 'a\u009d0;t\u0007\u0090q\u009c\u0085\u009b2Jb', 'a0;tqb'],
  ])('%s', (_name, input, expected) => {
    expect(sanitize(input)).toBe(expected);
  });

  it('leaves no ESC after any byte, nor any C1 control', () => {
    for (let c = 0; c < 0x100; c++) {
      const input = `a\u001b${String.fromCharCode(c)}b\u001b`;
      expect(CONTROL.exec(sanitize(input)), JSON.stringify(input)).toBeNull();
      expect(CONTROL.exec(flat(input)), JSON.stringify(input)).toBeNull();
    }
    for (let c = 0x80; c < 0xa0; c++) if (c !== 0x9b) expect(sanitize(`a${String.fromCharCode(c)}b`)).toBe('ab'); // 0x9b b is a CSI
  });
});
