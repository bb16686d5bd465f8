/** @jsxRuntime automatic */
// The one-line input for a hint: typed characters (a paste arrives as one string), backspace,
// enter sends, esc cancels. Listens only while open; the screen's other keys are off meanwhile.
import { useInput, useStdin } from 'ink';
import { useRef } from 'react';
import { MAX_HINT_CHARS } from '../data/steer.js';
import { displayWidth } from '../text/width.js';
import { Row } from './theme.js';

export function HintInput({ text, width, onChange, onSend, onCancel }: { text: string; width: number; onChange: (text: string) => void; onSend: () => void; onCancel: () => void }) {
  const { isRawModeSupported } = useStdin();
  // Keys arriving before the next render must build on each other, not on the last rendered text.
  const current = useRef(text);
  current.current = text;
  useInput(
    (input, key) => {
      if (key.escape) return onCancel();
      if (key.return) return onSend();
      if (key.backspace || key.delete) {
        current.current = [...current.current].slice(0, -1).join('');
        return onChange(current.current);
      }
      if (key.ctrl || key.meta) return;
      // A paste may hold newlines: a hint is one line.
      const typed = input.replace(/[\r\n]+/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '');
      if (!typed) return;
      current.current = [...(current.current + typed)].slice(0, MAX_HINT_CHARS).join('');
      onChange(current.current);
    },
    { isActive: isRawModeSupported === true },
  );
  const right = `  ${[...text].length}/${MAX_HINT_CHARS} · enter sends · esc cancels `;
  const room = Math.max(1, width - displayWidth(' hint for the models> ') - displayWidth(right) - 1);
  const shown = displayWidth(text) > room ? `…${[...text].slice(-(room - 1)).join('')}` : text;
  return (
    <Row
      width={width}
      segments={[
        { text: ' hint for the models> ', tone: 'accent', bold: true },
        { text: `${shown}█` },
        { text: right, tone: 'dim' },
      ]}
    />
  );
}
