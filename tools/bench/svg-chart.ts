import { fmtNumber } from './report';

export type ChartRow = { name: string; rate: number; p99: number };

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const ROW = 26;
const TOP = 56;
const LABEL = 150;
const PANEL = 330;
const GAP = 60;

/**
 * Two bar panels, one row per phase: answers per second on the left, p99 latency on the right,
 * each on its own linear scale with the value written at the bar's end. Plain SVG, no library.
 */
export const renderChart = (title: string, rows: readonly ChartRow[]) => {
  const width = LABEL + PANEL * 2 + GAP + 90;
  const height = TOP + rows.length * ROW + 20;
  const maxRate = Math.max(1, ...rows.map((row) => row.rate));
  const maxP99 = Math.max(1, ...rows.map((row) => row.p99));
  const panels = [
    {
      x: LABEL,
      heading: 'answers/s',
      color: '#2b6cb0',
      value: (r: ChartRow) => r.rate,
      max: maxRate,
      text: (r: ChartRow) => fmtNumber(r.rate, 0),
    },
    {
      x: LABEL + PANEL + GAP,
      heading: 'p99 latency (ms)',
      color: '#c05621',
      value: (r: ChartRow) => r.p99,
      max: maxP99,
      text: (r: ChartRow) => fmtNumber(r.p99, 1),
    },
  ];
  const bars = rows.flatMap((row, i) => {
    const y = TOP + i * ROW;
    return [
      `<text x="${LABEL - 8}" y="${y + 15}" text-anchor="end">${escapeXml(row.name)}</text>`,
      ...panels.map((panel) => {
        const length = Math.max(1, (panel.value(row) / panel.max) * (PANEL - 60));
        return (
          `<rect x="${panel.x}" y="${y + 3}" width="${length.toFixed(1)}" height="${ROW - 8}" fill="${panel.color}"><title>${escapeXml(row.name)}: ${panel.text(row)}</title></rect>` +
          `<text x="${(panel.x + length + 4).toFixed(1)}" y="${y + 15}">${panel.text(row)}</text>`
        );
      }),
    ];
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<title>${escapeXml(title)}: answers per second and p99 latency per phase</title>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="12" y="22" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
    ...panels.map(
      (panel) =>
        `<text x="${panel.x}" y="${TOP - 10}" font-weight="bold">${panel.heading}</text>` +
        `<line x1="${panel.x}" y1="${TOP}" x2="${panel.x}" y2="${TOP + rows.length * ROW}" stroke="#999"/>`,
    ),
    ...bars,
    '</svg>',
    '',
  ].join('\n');
};
