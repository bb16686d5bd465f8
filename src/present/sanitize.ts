// Goals, tool outputs, file names, diffs and model messages are untrusted text: an escape sequence
// in them must not move the cursor, retitle or recolour the terminal, and a tab or a carriage
// return must not break columns. Everything the plain log, show, --list, watch, clean and the
// live screen print passes through here.

// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), every other escape (ESC, intermediates
// such as the `(` of a charset switch, a final byte: `ESC c` resets the terminal), and 8-bit CSI.
// An ESC that starts none of these, and every other control, goes with CONTROLS.
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[ -/]*[0-~]|\u009b[0-?]*[ -/]*[@-~]/g;
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Printable text: escapes removed, CRLF → LF, a bare CR keeps what was drawn last, tabs expanded. */
export function sanitize(text: string, tabWidth = 4): string {
  let out = text.replace(ESCAPES, '').replace(/\r\n/g, '\n');
  if (out.includes('\r')) {
    out = out
      .split('\n')
      .map((line) => line.slice(line.lastIndexOf('\r', line.length - 2) + 1).replace(/\r$/, ''))
      .join('\n');
  }
  if (out.includes('\t')) out = out.split('\n').map((line) => expandTabs(line, tabWidth)).join('\n');
  return out.replace(CONTROLS, '');
}

function expandTabs(line: string, tabWidth: number): string {
  let out = '';
  for (const ch of line) {
    if (ch === '\t') out += ' '.repeat(tabWidth - (out.length % tabWidth));
    else out += ch;
  }
  return out;
}

/** One display line: sanitized, whitespace runs collapsed. */
export function flat(text: string): string {
  return sanitize(text).replace(/\s+/g, ' ').trim();
}
