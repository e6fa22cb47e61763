import { demoCatalog } from '@sellout/demo-catalog/demo-catalog';
import { describe, expect, it } from 'vitest';
import { drawingFor } from './generate-product-images';

const PALETTE = { accent: '#336699', dark: '#223344', light: '#ffffff', hue: 210 };
const drawingOf = (slug: string) => {
  const product = demoCatalog.find((p) => p.slug === slug);
  if (!product) throw new Error(`no demo product ${slug}`);
  return drawingFor(product)(PALETTE);
};

describe('demo product pictures', () => {
  it('draw a candle, a skillet and a blanket as themselves, not as a mug', () => {
    const mug = drawingOf('stoneware-mug-set');
    for (const slug of ['soy-wax-candle-trio', 'cast-iron-skillet-26', 'linen-throw-blanket']) {
      expect(drawingOf(slug), slug).not.toBe(mug);
    }
  });

  it('give every product of the home category a drawing of its own', () => {
    const home = demoCatalog.filter((p) => p.category === 'home');
    const drawings = new Set(home.map((p) => drawingOf(p.slug)));
    expect(drawings.size).toBe(home.length);
  });
});
