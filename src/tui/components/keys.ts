import { useInput, useStdin, type Key } from 'ink';
import { useEffect, useRef, useState } from 'react';
import { keysOf, type KeyAction } from '../data/keys.js';

/**
 * Keys for one view. Ink's useInput throws without a raw-mode TTY, so input is only listened to
 * when the terminal supports it (and the view is the one in front).
 *
 * The handler is read from a ref set at render time: Ink re-subscribes a new handler only after
 * the render's effects run, and a key arriving in between must not act on the previous state.
 * Several keys in one read ("jjj" while the process was busy) are handled one per render, each
 * seeing what the previous one did.
 */
export function useKeys(active: boolean, handler: (action: KeyAction) => void): void {
  const { isRawModeSupported } = useStdin();
  const latest = useRef(handler);
  latest.current = handler;
  const queue = useRef<KeyAction[]>([]);
  const [pending, setPending] = useState(0);

  const drain = () => {
    const action = queue.current.shift();
    if (action === undefined) return;
    latest.current(action);
    if (queue.current.length > 0) setPending((n) => n + 1);
  };

  useEffect(() => {
    if (pending > 0) drain();
  }, [pending]);

  useInput(
    (input, key: Key) => {
      const actions = keysOf(input, key);
      if (actions.length === 0) return;
      const idle = queue.current.length === 0;
      queue.current.push(...actions);
      if (idle) drain();
    },
    { isActive: active && isRawModeSupported === true },
  );
}
