/**
 * Writes one illustrative SVG per demo product into apps/web/public/images/products/<slug>.svg,
 * plus apps/web/public/favicon.svg. Output is deterministic: the background hue comes from the
 * category, the accent colour from a hash of the slug.
 *
 * Run: node --import tsx tools/seed/generate-product-images.ts
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DemoProduct, demoCatalog } from '@sellout/demo-catalog/demo-catalog';

export const BRAND_COLOR = '#e11d48';

const CATEGORY_HUES: Readonly<Record<string, number>> = {
  sneakers: 350,
  audio: 225,
  home: 32,
  outdoor: 145,
  games: 268,
};

const ACCENTS = [
  '#e11d48',
  '#2563eb',
  '#0d9488',
  '#f59e0b',
  '#7c3aed',
  '#ea580c',
  '#16a34a',
  '#334155',
  '#db2777',
  '#0891b2',
] as const;

const INK = '#1e293b';

/** FNV-1a 32-bit hash; stable across runs and platforms. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function categoryHue(category: string): number {
  return CATEGORY_HUES[category] ?? hash(category) % 360;
}

/** Colour words in a slug win over the hash, so "retro-high-og-crimson" is actually crimson. */
const COLOR_WORDS: Readonly<Record<string, string>> = {
  crimson: '#e11d48',
  red: '#dc2626',
  blue: '#2563eb',
  green: '#16a34a',
  black: '#1f2937',
  orange: '#ea580c',
  purple: '#7c3aed',
};

/**
 * The accent colour of a product: a colour word in the slug, else the palette entry picked by the
 * slug's hash, skipping colours already in `taken` (used to keep a category's images distinct).
 */
export function accentFor(slug: string, taken: ReadonlySet<string> = new Set()): string {
  for (const word of slug.split('-')) {
    const color = COLOR_WORDS[word];
    if (color) return color;
  }
  const start = hash(slug) % ACCENTS.length;
  for (let i = 0; i < ACCENTS.length; i++) {
    const color = ACCENTS[(start + i) % ACCENTS.length] ?? BRAND_COLOR;
    if (!taken.has(color)) return color;
  }
  return ACCENTS[start] ?? BRAND_COLOR;
}

/** Deterministic accents for a whole catalog, distinct within each category where possible. */
export function assignAccents(
  products: readonly Pick<DemoProduct, 'slug' | 'category'>[],
): Map<string, string> {
  const takenByCategory = new Map<string, Set<string>>();
  const accents = new Map<string, string>();
  for (const { slug, category } of products) {
    const taken = takenByCategory.get(category) ?? new Set<string>();
    takenByCategory.set(category, taken);
    const accent = accentFor(slug, taken);
    taken.add(accent);
    accents.set(slug, accent);
  }
  return accents;
}

/** Mixes two #rrggbb colours; t = 0 gives a, t = 1 gives b. */
function mix(a: string, b: string, t: number): string {
  const pa = Number.parseInt(a.slice(1), 16);
  const pb = Number.parseInt(b.slice(1), 16);
  let out = 0;
  for (const shift of [16, 8, 0]) {
    const ca = (pa >> shift) & 0xff;
    const cb = (pb >> shift) & 0xff;
    out |= Math.round(ca + (cb - ca) * t) << shift;
  }
  return `#${out.toString(16).padStart(6, '0')}`;
}

type Palette = { accent: string; dark: string; light: string; hue: number };

// Each illustration is drawn in the 800x800 space, centred around (400, 400), resting on y≈600.

function sneaker({ accent, dark, light }: Palette, high = false): string {
  const upper = high
    ? 'M168 520V262c0-26 20-42 46-38l96 14c20 3 32 16 36 34l10 28 80 72c40 38 110 52 170 66 46 11 70 40 70 80v16Z'
    : 'M168 520V372c0-34 22-54 52-48l58 14c22 5 36 14 52 8l46-58c12-14 30-14 40 2l44 68c40 38 110 52 170 66 46 11 70 40 70 80v16Z';
  const heel = high
    ? 'M168 262c0-26 20-42 46-38l20 3c-20 40-24 150-18 200-20 6-32 14-48 22Z'
    : 'M168 372c0-34 22-54 52-48l22 5c-22 30-26 80-20 125-20 6-38 14-54 22Z';
  const laces = high
    ? 'M336 274l26-8M344 300l26-8M368 326l28-9M394 350l28-9M420 374l28-10'
    : 'M392 330l26-8M410 356l28-9M430 382l28-10M452 404l28-10';
  return `<g transform="translate(0 20)">
<path d="${upper}" fill="${accent}"/>
<path d="${heel}" fill="${dark}" opacity=".35"/>
<path d="M250 488c80-20 170-46 250-56" stroke="${light}" stroke-width="22" stroke-linecap="round" fill="none" opacity=".9"/>
<path d="${laces}" stroke="${light}" stroke-width="12" stroke-linecap="round"/>
<path d="M150 520h552v14a26 26 0 0 1-26 26H176a26 26 0 0 1-26-26Z" fill="${light}"/>
<path d="M150 544h552" stroke="${dark}" stroke-width="8" opacity=".25"/>
<circle cx="${high ? 200 : 214}" cy="${high ? 262 : 360}" r="10" fill="${light}"/>
</g>`;
}

function headphones({ accent, dark, light }: Palette): string {
  return `<path d="M230 450V400a170 170 0 0 1 340 0v50" fill="none" stroke="${INK}" stroke-width="34" stroke-linecap="round"/>
<path d="M262 330a170 170 0 0 1 276 0" fill="none" stroke="${light}" stroke-width="10" stroke-linecap="round" opacity=".35"/>
<rect x="180" y="410" width="118" height="190" rx="50" fill="${accent}"/>
<rect x="502" y="410" width="118" height="190" rx="50" fill="${accent}"/>
<rect x="262" y="430" width="50" height="150" rx="24" fill="${dark}"/>
<rect x="488" y="430" width="50" height="150" rx="24" fill="${dark}"/>
<rect x="200" y="440" width="22" height="110" rx="11" fill="${light}" opacity=".35"/>
<rect x="578" y="440" width="22" height="110" rx="11" fill="${light}" opacity=".35"/>`;
}

function speaker({ accent, dark, light }: Palette): string {
  return `<rect x="270" y="180" width="260" height="420" rx="36" fill="${accent}"/>
<rect x="270" y="180" width="40" height="420" rx="20" fill="${light}" opacity=".18"/>
<circle cx="400" cy="278" r="48" fill="${dark}"/>
<circle cx="400" cy="278" r="20" fill="${light}" opacity=".6"/>
<circle cx="400" cy="465" r="98" fill="${dark}"/>
<circle cx="400" cy="465" r="70" fill="${INK}"/>
<circle cx="400" cy="465" r="30" fill="${light}" opacity=".5"/>`;
}

function mug({ accent, dark, light }: Palette): string {
  return `<g fill="none" stroke="${light}" stroke-width="14" stroke-linecap="round" opacity=".9">
<path d="M340 250c-20-24 20-40 0-70M400 250c-20-24 20-40 0-70M460 250c-20-24 20-40 0-70"/></g>
<path d="M520 340h30a70 70 0 0 1 0 140h-34" fill="none" stroke="${dark}" stroke-width="32"/>
<path d="M250 300h290v220a80 80 0 0 1-80 80H330a80 80 0 0 1-80-80Z" fill="${accent}"/>
<rect x="250" y="300" width="290" height="32" rx="16" fill="${dark}"/>
<rect x="280" y="360" width="26" height="160" rx="13" fill="${light}" opacity=".3"/>`;
}

function lamp({ accent, dark, light }: Palette): string {
  return `<path d="M350 560l-60-160 140-110" fill="none" stroke="${dark}" stroke-width="22" stroke-linecap="round" stroke-linejoin="round"/>
<g transform="translate(430 290) rotate(-30)">
<circle cx="0" cy="150" r="46" fill="${light}"/>
<path d="M-34-10h68l70 160H-104Z" fill="${accent}"/>
<path d="M-34-10h20l-40 160h-50Z" fill="${light}" opacity=".25"/>
</g>
<circle cx="290" cy="400" r="20" fill="${INK}"/>
<circle cx="430" cy="290" r="20" fill="${INK}"/>
<rect x="250" y="560" width="200" height="40" rx="20" fill="${INK}"/>`;
}

function tent({ accent, dark, light }: Palette): string {
  return `<path d="M160 600L400 200l240 400Z" fill="${accent}"/>
<path d="M400 200l240 400H480Z" fill="${dark}" opacity=".35"/>
<path d="M330 600l70-150 70 150Z" fill="${INK}"/>
<path d="M400 200v-40" stroke="${INK}" stroke-width="10" stroke-linecap="round"/>
<path d="M404 160l44 14-44 14Z" fill="${light}"/>
<path d="M120 600h560" stroke="${INK}" stroke-width="12" stroke-linecap="round" opacity=".5"/>`;
}

function backpack({ accent, dark, light }: Palette): string {
  return `<path d="M350 210a50 50 0 0 1 100 0" fill="none" stroke="${INK}" stroke-width="18"/>
<rect x="260" y="210" width="280" height="390" rx="80" fill="${accent}"/>
<path d="M260 300a80 80 0 0 1 80-90h120a80 80 0 0 1 80 90v30H260Z" fill="${dark}"/>
<rect x="390" y="310" width="20" height="46" rx="8" fill="${light}"/>
<rect x="300" y="420" width="200" height="140" rx="40" fill="${dark}" opacity=".45"/>
<path d="M320 450h160" stroke="${light}" stroke-width="8" stroke-linecap="round" opacity=".7"/>
<rect x="276" y="340" width="20" height="200" rx="10" fill="${light}" opacity=".25"/>`;
}

function controller({ accent, dark, light }: Palette): string {
  return `<path d="M270 280h260c70 0 110 40 130 120l30 120c14 56-26 92-70 92-34 0-56-22-76-52l-30-44H286l-30 44c-20 30-42 52-76 52-44 0-84-36-70-92l30-120c20-80 60-120 130-120Z" fill="${accent}"/>
<path d="M270 280h260c40 0 70 14 92 40H178c22-26 52-40 92-40Z" fill="${light}" opacity=".2"/>
<path d="M244 368h32v36h36v32h-36v36h-32v-36h-36v-32h36Z" fill="${INK}"/>
<circle cx="556" cy="376" r="18" fill="${light}"/>
<circle cx="556" cy="460" r="18" fill="${light}"/>
<circle cx="514" cy="418" r="18" fill="${light}"/>
<circle cx="598" cy="418" r="18" fill="${light}"/>
<circle cx="340" cy="510" r="34" fill="${dark}"/>
<circle cx="460" cy="510" r="34" fill="${dark}"/>
<circle cx="340" cy="510" r="18" fill="${INK}"/>
<circle cx="460" cy="510" r="18" fill="${INK}"/>`;
}

function candles({ accent, dark, light }: Palette): string {
  const candle = (x: number, top: number, shade: string) =>
    `<rect x="${x}" y="${top}" width="120" height="${580 - top}" rx="18" fill="${shade}"/>
<rect x="${x}" y="${top}" width="120" height="26" rx="13" fill="${light}" opacity=".35"/>
<path d="M${x + 60} ${top - 8}v-22" stroke="${INK}" stroke-width="8" stroke-linecap="round"/>
<path d="M${x + 60} ${top - 100}c28 34 26 62 0 70c-26-8-28-36 0-70Z" fill="#f59e0b"/>
<path d="M${x + 60} ${top - 66}c12 14 10 26 0 30c-10-4-12-16 0-30Z" fill="#fde68a"/>`;
  return `${candle(200, 380, dark)}${candle(340, 300, accent)}${candle(480, 420, dark)}
<rect x="170" y="570" width="460" height="30" rx="15" fill="${INK}" opacity=".8"/>`;
}

function skillet({ accent, dark, light }: Palette): string {
  return `<rect x="520" y="380" width="240" height="44" rx="22" fill="${INK}" transform="rotate(-12 520 400)"/>
<circle cx="370" cy="420" r="200" fill="${INK}"/>
<circle cx="370" cy="420" r="168" fill="${dark}"/>
<circle cx="370" cy="420" r="150" fill="${accent}" opacity=".35"/>
<path d="M260 340a150 150 0 0 1 110-70" fill="none" stroke="${light}" stroke-width="14" stroke-linecap="round" opacity=".5"/>`;
}

function blanket({ accent, dark, light }: Palette): string {
  const fringe = Array.from(
    { length: 9 },
    (_, i) =>
      `<path d="M${250 + i * 38} 590v36" stroke="${dark}" stroke-width="8" stroke-linecap="round"/>`,
  ).join('');
  return `<path d="M230 250h340a30 30 0 0 1 30 30v310H200V280a30 30 0 0 1 30-30Z" fill="${accent}"/>
<path d="M200 400h400v70H200Z" fill="${dark}" opacity=".5"/>
<path d="M200 330h400v24H200ZM200 500h400v24H200Z" fill="${light}" opacity=".45"/>
<path d="M200 280c60 40 340 40 400 0" fill="none" stroke="${light}" stroke-width="10" opacity=".5"/>
${fringe}`;
}

function pourOver({ accent, dark, light }: Palette): string {
  return `<path d="M260 230h280l-90 150H350Z" fill="${accent}"/>
<rect x="240" y="214" width="320" height="30" rx="15" fill="${dark}"/>
<path d="M300 400h200l40 200H260Z" fill="${light}" opacity=".55"/>
<path d="M300 400h200l40 200H260Z" fill="none" stroke="${dark}" stroke-width="12"/>
<path d="M280 520h240l14 70H266Z" fill="${dark}" opacity=".7"/>
<rect x="340" y="380" width="120" height="26" rx="10" fill="${INK}"/>`;
}

type Drawing = (p: Palette) => string;

/** Drawings of the home category, by a word of the product's slug (the first match wins). */
const HOME_DRAWINGS: [keyword: string, drawing: Drawing][] = [
  ['lamp', lamp],
  ['candle', candles],
  ['skillet', skillet],
  ['blanket', blanket],
  ['throw', blanket],
  ['pour-over', pourOver],
];

/** Picks the illustration: one per category, with a variant chosen by keywords in the slug. */
export function drawingFor(product: Pick<DemoProduct, 'slug' | 'category'>): Drawing {
  const { slug, category } = product;
  switch (category) {
    case 'sneakers':
      return slug.includes('high') ? (p) => sneaker(p, true) : (p) => sneaker(p);
    case 'audio':
      return slug.includes('speaker') ? speaker : headphones;
    case 'home':
      return HOME_DRAWINGS.find(([keyword]) => slug.includes(keyword))?.[1] ?? mug;
    case 'outdoor':
      return slug.includes('tent') || slug.includes('sleeping') ? tent : backpack;
    case 'games':
      return controller;
    default:
      return mug;
  }
}

export function productSvg(
  product: Pick<DemoProduct, 'slug' | 'category' | 'name'>,
  accent: string = accentFor(product.slug),
): string {
  const hue = categoryHue(product.category);
  const palette: Palette = { accent, dark: mix(accent, '#000000', 0.35), light: '#ffffff', hue };
  const id = `g${hash(product.slug).toString(36)}`;
  const bg1 = `hsl(${hue} 80% 96%)`;
  const bg2 = `hsl(${(hue + 24) % 360} 70% 86%)`;
  const shadow = `hsl(${hue} 35% 25%)`;
  const title = product.name.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 800" width="800" height="800" role="img" aria-label="${title.replace(/"/g, '&quot;')}">
<defs>
<linearGradient id="${id}b" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${bg1}"/><stop offset="1" stop-color="${bg2}"/></linearGradient>
<radialGradient id="${id}s"><stop offset="0" stop-color="${shadow}" stop-opacity=".28"/><stop offset="1" stop-color="${shadow}" stop-opacity="0"/></radialGradient>
</defs>
<rect width="800" height="800" fill="url(#${id}b)"/>
<circle cx="400" cy="390" r="270" fill="#fff" opacity=".45"/>
<ellipse cx="400" cy="628" rx="300" ry="34" fill="url(#${id}s)"/>
<g transform="translate(400 400) scale(1.08) translate(-400 -400)">
${drawingFor(product)(palette)}
</g>
</svg>
`;
}

export function faviconSvg(): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
<rect width="64" height="64" rx="14" fill="${BRAND_COLOR}"/>
<path d="M36 6L14 36h14l-4 22 26-32H35Z" fill="#fff"/>
</svg>
`;
}

async function main(): Promise<void> {
  const publicDir = fileURLToPath(new URL('../../apps/web/public/', import.meta.url));
  const outDir = join(publicDir, 'images', 'products');
  await mkdir(outDir, { recursive: true });

  // Remove images of products that are no longer in the catalog.
  const wanted = new Set(demoCatalog.map((p) => `${p.slug}.svg`));
  for (const file of await readdir(outDir)) {
    if (file.endsWith('.svg') && !wanted.has(file)) await rm(join(outDir, file));
  }

  const accents = assignAccents(demoCatalog);
  for (const product of demoCatalog) {
    const svg = productSvg(product, accents.get(product.slug));
    await writeFile(join(outDir, `${product.slug}.svg`), svg);
  }
  await writeFile(join(publicDir, 'favicon.svg'), faviconSvg());
  console.log(`wrote ${demoCatalog.length} product images and favicon.svg to ${publicDir}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
