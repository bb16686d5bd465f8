// `shots-on-goal report SESSION [--format html|md] [-o FILE]`: the session as a document to share,
// HTML (one self-contained file, with a chart) or Markdown (for a pull request).
import { writeFileSync } from 'node:fs';
import { collectReport } from '../report/collect.js';
import { renderHtml } from '../report/html.js';
import { renderMarkdown } from '../report/markdown.js';
import { openSessionReadOnly, resolveSessionRef, resolveSessionsDir } from '../store/index.js';
import { EXIT } from './exit-codes.js';
import type { CliIO } from './io.js';
import { UsageError } from './usage-error.js';

export interface ReportCommand {
  session: string;
  sessionsDir?: string;
  format: 'html' | 'md';
  output?: string;
}

export async function reportCommand(command: ReportCommand, io: CliIO): Promise<number> {
  const dir = resolveSessionsDir({ flag: command.sessionsDir, env: io.env });
  const reader = openSessionReadOnly(resolveSessionRef(dir, command.session));
  let text: string;
  try {
    const data = await collectReport(reader);
    text = command.format === 'html' ? renderHtml(data) : renderMarkdown(data);
  } finally {
    reader.close();
  }
  if (command.output === undefined) {
    io.stdout.write(text);
    return EXIT.completed;
  }
  try {
    writeFileSync(command.output, text);
  } catch (err) {
    throw new UsageError(`cannot write ${command.output}: ${(err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err))}`);
  }
  io.stdout.write(`wrote ${command.output} (${command.format === 'html' ? 'HTML' : 'Markdown'}, ${Math.ceil(text.length / 1024)} KB)\n`);
  return EXIT.completed;
}
