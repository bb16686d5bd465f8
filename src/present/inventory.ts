import type { Inventory } from '../migration/report.js';

/** Languages by number of files, most first: `c 12, shell 2`. */
export function languageCounts(paths: { language: string }[]): string {
  const counts = new Map<string, number>();
  for (const { language } of paths) counts.set(language, (counts.get(language) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([lang, n]) => `${lang} ${n}`).join(', ');
}

/** `inventory: 14 sources (c 12, shell 2), 3 tests`: printed when a session starts. */
export function inventoryLine(inventory: Inventory): string {
  const n = inventory.sources.length;
  const langs = n > 0 ? ` (${languageCounts(inventory.sources)})` : '';
  const t = inventory.tests.length;
  const skipped = inventory.notBuilt.length > 0 ? `, ${inventory.notBuilt.length} not built` : '';
  return `inventory: ${n} source${n === 1 ? '' : 's'}${langs}, ${t} test${t === 1 ? '' : 's'}${skipped}`;
}
