// Finding and editing rules of a plan, for the repairs: which rule holds a file or has a label,
// the tracked file a reported name most likely means, and adding a value to a list attribute.
import path from 'node:path';
import { relativeTo, type GeneratedRule, type PlacedRule, type PlannedPackage } from './lang/types.js';
import type { AttrValue } from './rules.js';
import type { SourceTree } from './tree.js';

export function labelOf(dir: string, name: string, from: string): string {
  if (dir === from) return `:${name}`;
  const last = dir.slice(dir.lastIndexOf('/') + 1);
  return dir !== '' && last === name ? `//${dir}` : `//${dir}:${name}`;
}

export function within(dir: string, file: string): boolean {
  return dir === '' || file.startsWith(`${dir}/`);
}

export function ownerOf(packages: PlannedPackage[], file: string): PlacedRule | null {
  for (const p of packages) {
    for (const rule of p.rules) if (rule.covers.includes(file)) return { dir: p.dir, rule };
  }
  return null;
}

export function ruleByLabel(packages: PlannedPackage[], label: string): PlacedRule | null {
  const m = /^\/\/([^:]*):(.+)$/.exec(label);
  if (!m) return null;
  const pkg = packages.find((p) => p.dir === m[1]);
  const rule = pkg?.rules.find((r) => r.rule.name === m[2]);
  return pkg && rule ? { dir: pkg.dir, rule } : null;
}

/** Adds `value` to list attribute `attr`; false when it was there already. */
export function addTo(attrs: Record<string, AttrValue>, attr: string, value: string): boolean {
  const list = Array.isArray(attrs[attr]) ? (attrs[attr] as string[]) : [];
  if (list.includes(value)) return false;
  attrs[attr] = [...list, value];
  return true;
}

/** The tracked file an `#include "name"` (or an opened path) most likely means, preferring ones near `from`. */
export function findFile(tree: SourceTree, name: string, from: string): string | null {
  const clean = name.replace(/^(\.\/)+/, '');
  if (clean === '' || clean.startsWith('/') || clean.split('/').includes('..')) return null;
  const hits = tree.paths.filter((p) => p === clean || p.endsWith(`/${clean}`));
  if (hits.length === 0) return null;
  const near = (p: string) => {
    let i = 0;
    while (i < p.length && p[i] === from[i]) i++;
    return i;
  };
  return hits.sort((a, b) => near(b) - near(a) || a.length - b.length)[0]!;
}

/**
 * A data file's label from package `from`: the nearest enclosing package owns it. A file in no
 * package gets one of its own, a filegroup named after its directory (no rule can name a file
 * outside its package, so no label breaks).
 */
export function fileLabel(packages: PlannedPackage[], file: string, from: string): string {
  const dir = packages.map((p) => p.dir).filter((d) => within(d, file)).sort((a, b) => b.length - a.length)[0];
  if (dir !== undefined) return dir === from ? relativeTo(dir, file) : `//${dir}:${relativeTo(dir, file)}`;
  const fileDir = path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file);
  const name = fileDir === '' ? 'data' : path.posix.basename(fileDir);
  const group: GeneratedRule = { rule: { kind: 'filegroup', name, attrs: { srcs: [relativeTo(fileDir, file)] } }, provides: [], imports: [], covers: [] };
  packages.push({ dir: fileDir, rules: [group] });
  return labelOf(fileDir, name, from);
}
