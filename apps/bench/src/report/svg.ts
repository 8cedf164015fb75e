// Recall-vs-QPS charts as standalone SVG (no dependency): recall@10 on x, queries per second on a
// log scale on y, one line per engine (engines with one point — exact scans — are single markers).

/** One series of a chart. */
export interface Series {
  readonly name: string;
  readonly points: readonly { readonly recall: number; readonly qps: number }[];
  /** Dashed line (baselines). */
  readonly dashed?: boolean;
}

const COLORS = ['#d62728', '#1f77b4', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#393b79', '#637939'];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function fmtQps(v: number): string {
  if (v >= 1e6) return `${v / 1e6}M`;
  if (v >= 1e3) return `${v / 1e3}k`;
  return String(v);
}

/** Renders the chart (`yLabel`: the y axis's title). */
export function recallQpsSvg(title: string, series: readonly Series[], yLabel = 'queries per second (log scale, one thread)'): string {
  const W = 1000;
  const H = 480;
  const plot = { x: 70, y: 40, w: 520, h: 380 };
  const all = series.flatMap((s) => s.points).filter((p) => p.qps > 0);
  const minRecall = Math.min(0.8, Math.floor(Math.min(...all.map((p) => p.recall), 1) * 20) / 20);
  const yMin = 10 ** Math.floor(Math.log10(Math.min(...all.map((p) => p.qps), 1e9)));
  const yMax = 10 ** Math.ceil(Math.log10(Math.max(...all.map((p) => p.qps), 1)));
  const x = (r: number) => plot.x + ((r - minRecall) / (1 - minRecall)) * plot.w;
  const y = (q: number) => plot.y + plot.h - ((Math.log10(q) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) * plot.h;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  out.push(`<text x="${plot.x}" y="22" font-size="14" font-weight="bold">${esc(title)}</text>`);
  // Grid and axes.
  for (let r = Math.ceil(minRecall * 20) / 20; r <= 1.0001; r += 0.05) {
    const px = x(r).toFixed(1);
    out.push(`<line x1="${px}" y1="${plot.y}" x2="${px}" y2="${plot.y + plot.h}" stroke="#eee"/>`);
    out.push(`<text x="${px}" y="${plot.y + plot.h + 16}" text-anchor="middle">${r.toFixed(2)}</text>`);
  }
  for (let d = yMin; d <= yMax * 1.0001; d *= 10) {
    for (const m of [1, 2, 5]) {
      const v = d * m;
      if (v > yMax * 1.0001) break;
      const py = y(v).toFixed(1);
      out.push(`<line x1="${plot.x}" y1="${py}" x2="${plot.x + plot.w}" y2="${py}" stroke="${m === 1 ? '#ddd' : '#f3f3f3'}"/>`);
      if (m !== 5) out.push(`<text x="${plot.x - 6}" y="${(Number(py) + 4).toFixed(1)}" text-anchor="end">${fmtQps(v)}</text>`);
    }
  }
  out.push(`<rect x="${plot.x}" y="${plot.y}" width="${plot.w}" height="${plot.h}" fill="none" stroke="#888"/>`);
  out.push(`<text x="${plot.x + plot.w / 2}" y="${H - 12}" text-anchor="middle">recall@10</text>`);
  out.push(`<text transform="translate(16 ${plot.y + plot.h / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`);
  // Series and legend.
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    const pts = [...s.points].filter((p) => p.qps > 0 && p.recall >= minRecall).sort((a, b) => a.recall - b.recall || b.qps - a.qps);
    if (pts.length > 1) out.push(`<polyline fill="none" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''} points="${pts.map((p) => `${x(p.recall).toFixed(1)},${y(p.qps).toFixed(1)}`).join(' ')}"/>`);
    for (const p of pts) out.push(`<circle cx="${x(p.recall).toFixed(1)}" cy="${y(p.qps).toFixed(1)}" r="3.5" fill="${color}"/>`);
    const ly = plot.y + 10 + i * 20;
    out.push(`<line x1="${plot.x + plot.w + 16}" y1="${ly}" x2="${plot.x + plot.w + 40}" y2="${ly}" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    out.push(`<circle cx="${plot.x + plot.w + 28}" cy="${ly}" r="3.5" fill="${color}"/>`);
    out.push(`<text x="${plot.x + plot.w + 46}" y="${ly + 4}">${esc(s.name)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
