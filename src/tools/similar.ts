// Cheap "did you mean" for find_replace_in_file: the line of a file most like a given line,
// scored with the Dice coefficient over character bigrams (linear in the text size).

function bigrams(s: string): Map<string, number> {
  const grams = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const g = s.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

export function diceSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const ga = bigrams(a);
  let overlap = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const n = ga.get(g) ?? 0;
    if (n > 0) {
      ga.set(g, n - 1);
      overlap++;
    }
  }
  return (2 * overlap) / (a.length - 1 + b.length - 1);
}

export interface ClosestLine {
  line: number;
  text: string;
  score: number;
}

/** The most similar line (1-based), or null when nothing scores at least `threshold`. */
export function closestLine(lines: string[], wanted: string, threshold = 0.5): ClosestLine | null {
  const needle = wanted.trim();
  if (needle.length < 2) return null;
  let best: ClosestLine | null = null;
  lines.forEach((text, i) => {
    const score = diceSimilarity(needle, text.trim());
    if (score >= threshold && (best === null || score > best.score)) best = { line: i + 1, text, score };
  });
  return best;
}
