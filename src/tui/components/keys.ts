import { useInput, useStdin, type Key } from 'ink';
import { keysOf, type KeyAction } from '../data/keys.js';

/**
 * Keys for one view. Ink's useInput throws without a raw-mode TTY, so input is only listened to
 * when the terminal supports it (and the view is the one in front).
 */
export function useKeys(active: boolean, handler: (action: KeyAction, input: string) => void): void {
  const { isRawModeSupported } = useStdin();
  useInput(
    (input, key: Key) => {
      for (const action of keysOf(input, key)) handler(action, input);
    },
    { isActive: active && isRawModeSupported === true },
  );
}
