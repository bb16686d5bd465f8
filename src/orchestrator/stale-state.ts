import type { ValidationResult } from '../events.js';

// Bazel's exit codes for trouble of its own rather than of the tree: out of memory (33), a local
// environmental problem (36), an internal error or crash (37), a transient one (38).
const STALE_EXIT_CODES = new Set([33, 36, 37, 38]);

const STALE_OUTPUT = [
  /Server terminated abruptly/i,
  /server (?:crashed|died)/i,
  /java\.lang\.OutOfMemoryError/,
  /Another command \(pid=\d+\) is running/i,
  /output base .* is (?:locked|corrupt)/i,
  /Corrupted (?:action cache|install base)/i,
];

/**
 * Why a failed validation looks like a failure of the Bazel server or its output base rather
 * than of the tree (so a fresh container may judge it differently); null when it does not.
 */
export function staleSign(results: readonly ValidationResult[]): string | null {
  for (const r of results) {
    if (r.ok) continue;
    if (r.exitCode !== null && STALE_EXIT_CODES.has(r.exitCode)) return `${r.command}: exit ${r.exitCode}`;
    const line = STALE_OUTPUT.map((re) => re.exec(r.digest)?.[0]).find(Boolean);
    if (line) return `${r.command}: ${line}`;
  }
  return null;
}
