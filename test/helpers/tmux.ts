// A real terminal for the CLI: a tmux server of the test's own, panes that stay after the CLI exits
// (showing its exit code), and waiting on what the pane shows (bounded polls, never fixed sleeps).
import { execFileSync } from 'node:child_process';
import { CLI_COMMAND } from './cli.js';

export const EXITED = /EXITED:\d+/;

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function tmuxServer(socket: string) {
  const tmux = (...args: string[]): string => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const screen = (name: string) => tmux('capture-pane', '-p', '-t', name);
  return {
    tmux,
    screen,
    /** Starts the CLI in a fresh 120x40 terminal with `env` added (as a person's shell would, CI unset). */
    start(name: string, args: string[], cwd: string, env: Record<string, string> = {}): void {
      const cli = [...CLI_COMMAND, ...args].map(quote).join(' ');
      const vars = Object.entries(env).map(([k, v]) => `${k}=${quote(v)}`).join(' ');
      // Ink draws only the last frame under CI=true: the screen must run as it would for a person.
      const command = `cd ${quote(cwd)} && env -u CI -u CONTINUOUS_INTEGRATION TERM=xterm-256color NO_COLOR=1 ${vars} ${cli}; echo "EXITED:$?"; sleep 3600`;
      tmux('new-session', '-d', '-s', name, '-x', '120', '-y', '40', command);
    },
    keys: (name: string, ...keys: string[]) => void tmux('send-keys', '-t', name, ...keys),
    /** Types `text` literally (no key names). */
    type: (name: string, text: string) => void tmux('send-keys', '-t', name, '-l', text),
    async waitFor(name: string, check: (text: string) => boolean, ms: number): Promise<string> {
      const deadline = Date.now() + ms;
      for (;;) {
        const text = screen(name);
        if (check(text)) return text;
        if (Date.now() > deadline) throw new Error(`timed out waiting for the terminal; it shows:\n${text}`);
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    },
    kill(): void {
      try {
        tmux('kill-server');
      } catch {
        // already gone
      }
    },
  };
}

export function requireTmux(): void {
  try {
    execFileSync('tmux', ['-V']);
  } catch {
    throw new Error('this test drives a real terminal through tmux: install it (apt-get install -y tmux)');
  }
}
