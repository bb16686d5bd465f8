// What a keypress means, independent of the view: the views act on these names only.
import type { Key } from 'ink';

export type KeyAction =
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'pageUp'
  | 'pageDown'
  | 'top'
  | 'bottom'
  | 'open'
  | 'back'
  | 'quit'
  | 'interrupt'
  | 'follow'
  | 'diff'
  | 'messages'
  | 'toggle'
  | 'nextSection'
  | 'previousSection'
  | 'refresh'
  | 'yes'
  | 'no'
  | 'hint'
  | 'approve'
  | 'edit'
  | 'reject';

type KeyFlags = Pick<Key, 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'ctrl'>;

const NO_FLAGS: KeyFlags = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageUp: false,
  pageDown: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
};

/**
 * The actions of one input event. Keys typed faster than the process reads them (or sent by a
 * script) arrive as one string, "jj\r": each character counts.
 */
export function keysOf(input: string, key: KeyFlags): KeyAction[] {
  const plain = !Object.values(key).some(Boolean);
  if (!plain || input.length <= 1 || input.includes('\u001b')) {
    const action = keyAction(input, key);
    return action ? [action] : [];
  }
  const actions: KeyAction[] = [];
  for (const ch of input) {
    const action = ch === '\r' || ch === '\n' ? 'open' : keyAction(ch, NO_FLAGS);
    if (action) actions.push(action);
  }
  return actions;
}

export function keyAction(input: string, key: KeyFlags): KeyAction | null {
  if (key.ctrl) {
    if (input === 'c') return 'interrupt';
    if (input === 'd') return 'pageDown';
    if (input === 'u') return 'pageUp';
    if (input === 'f') return 'pageDown';
    if (input === 'b') return 'pageUp';
    return null;
  }
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageUp';
  if (key.pageDown) return 'pageDown';
  if (key.home) return 'top';
  if (key.end) return 'bottom';
  if (key.return) return 'open';
  if (key.escape) return 'back';
  switch (input) {
    case 'k':
      return 'up';
    case 'j':
      return 'down';
    // h is the hint (←/→ move between tool calls): a note for the models, the most wanted key while a run goes.
    case 'h':
      return 'hint';
    case 'a':
      return 'approve';
    case 'e':
      return 'edit';
    case 'x':
      return 'reject';
    case 'l':
      return 'right';
    case ' ':
      return 'pageDown';
    case 'b':
      return 'pageUp';
    case 'g':
      return 'top';
    case 'G':
      return 'bottom';
    case 'q':
      return 'quit';
    case 'f':
      return 'follow';
    case 'd':
      return 'diff';
    case 'o':
      return 'toggle';
    case 'm':
      return 'messages';
    case ']':
      return 'nextSection';
    case '[':
      return 'previousSection';
    case 'r':
      return 'refresh';
    case 'y':
    case 'Y':
      return 'yes';
    case 'n':
    case 'N':
      return 'no';
    default:
      return null;
  }
}
