// Editing a text in the person's editor ($VISUAL, then $EDITOR, else vi), as git does: the command
// may carry arguments ("code --wait"), so it runs through sh with the file as its last argument.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type Edited = { ok: true; text: string } | { ok: false; problem: string };

export function editorCommand(env: NodeJS.ProcessEnv): string {
  return env.VISUAL?.trim() || env.EDITOR?.trim() || 'vi';
}

/** Opens `text` (in a file named `name`) in the editor and returns what was saved. Blocks until the editor exits. */
export function editInEditor(text: string, name: string, env: NodeJS.ProcessEnv = process.env): Edited {
  const dir = mkdtempSync(path.join(tmpdir(), 'sog-edit-'));
  const file = path.join(dir, name);
  try {
    writeFileSync(file, text);
    const editor = editorCommand(env);
    const run = spawnSync('sh', ['-c', `${editor} "$1"`, 'editor', file], { stdio: 'inherit', env });
    if (run.error) return { ok: false, problem: `the editor (${editor}) did not start: ${run.error.message}` };
    if (run.status !== 0) return { ok: false, problem: `the editor (${editor}) exited with ${run.status ?? run.signal}; nothing changed` };
    return { ok: true, text: readFileSync(file, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
