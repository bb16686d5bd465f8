// The report's chart: horizontal bars as inline SVG (no script, no request), one per row.
export interface Bar {
  label: string;
  value: number;
  /** What the bar's end says (the value formatted). */
  text: string;
}

const ROW = 22;
const LABEL_W = 260;
const BAR_W = 360;

export function barChart(title: string, bars: readonly Bar[], escape: (s: string) => string): string {
  const max = Math.max(0, ...bars.map((b) => b.value));
  const height = ROW * bars.length + 30;
  const rows = bars.map((b, i) => {
    const y = 26 + i * ROW;
    const w = max > 0 ? Math.max(1, Math.round((b.value / max) * BAR_W)) : 1;
    return (
      `<text x="${LABEL_W - 8}" y="${y + 14}" text-anchor="end" class="chart-label">${escape(b.label)}</text>` +
      `<rect x="${LABEL_W}" y="${y + 2}" width="${w}" height="${ROW - 6}" class="chart-bar"/>` +
      `<text x="${LABEL_W + w + 6}" y="${y + 14}" class="chart-value">${escape(b.text)}</text>`
    );
  });
  return (
    `<svg class="chart" role="img" aria-label="${escape(title)}" width="${LABEL_W + BAR_W + 120}" height="${height}" viewBox="0 0 ${LABEL_W + BAR_W + 120} ${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<text x="0" y="16" class="chart-title">${escape(title)}</text>${rows.join('')}</svg>`
  );
}
