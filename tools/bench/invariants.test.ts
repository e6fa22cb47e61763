import { describe, expect, it } from 'vitest';
import { checkInvariants, describeViolations, type History } from './invariants';

const order = (
  id: string,
  status: History['orders'][number]['status'],
  ...lines: [productId: string, quantity: number][]
) => ({ id, status, lines: lines.map(([productId, quantity]) => ({ productId, quantity })) });

/** A small sale that balanced: 10 + 5 restocked units of p_hot, 3 of p_calm. */
const balanced = (): History => ({
  unitsPutIn: new Map([
    ['p_hot', 15],
    ['p_calm', 3],
  ]),
  products: [
    { id: 'p_hot', stock: 2 },
    { id: 'p_calm', stock: 1 },
  ],
  orders: [
    order('o_1', 'PROCESSED', ['p_hot', 10]),
    order('o_2', 'PENDING', ['p_hot', 3], ['p_calm', 2]),
    // Declined and cancelled: its units went back to stock.
    order('o_3', 'CANCELLED', ['p_hot', 4]),
  ],
  acknowledged: ['o_1', 'o_2', 'o_3'],
});

describe('the benchmark invariant check (bank-test style)', () => {
  it('passes a history whose books balance, counting cancelled orders as released', () => {
    const report = checkInvariants(balanced());
    expect(report.violations).toEqual([]);
    expect(report.checked).toEqual({ products: 2, orders: 3, acknowledged: 3, unitsHeld: 15 });
  });

  it('catches an oversold history: more units in live orders than were ever put in', () => {
    const history = balanced();
    // The last unit sold twice: an extra order for 1 while the stock row still reads 0.
    const oversold: History = {
      ...history,
      products: [
        { id: 'p_hot', stock: 0 },
        { id: 'p_calm', stock: 1 },
      ],
      orders: [...history.orders, order('o_4', 'PENDING', ['p_hot', 3])],
      acknowledged: [...history.acknowledged, 'o_4'],
    };
    expect(checkInvariants(oversold).violations).toEqual([
      { kind: 'oversold', productId: 'p_hot', stock: 0, held: 16, putIn: 15 },
    ]);
  });

  it('catches stock below zero even when the books would balance', () => {
    const history = balanced();
    const negative: History = {
      ...history,
      products: [
        { id: 'p_hot', stock: -1 },
        { id: 'p_calm', stock: 1 },
      ],
      orders: [...history.orders, order('o_4', 'PENDING', ['p_hot', 3])],
      acknowledged: [...history.acknowledged, 'o_4'],
    };
    expect(checkInvariants(negative).violations).toEqual([
      { kind: 'oversold', productId: 'p_hot', stock: -1, held: 16, putIn: 15 },
    ]);
  });

  it('catches a lost acknowledged order (and the units it took that nobody holds)', () => {
    const history = balanced();
    const lost: History = { ...history, orders: history.orders.filter((o) => o.id !== 'o_2') };
    expect(checkInvariants(lost).violations).toEqual([
      { kind: 'stock-mismatch', productId: 'p_hot', stock: 2, held: 10, putIn: 15 },
      { kind: 'stock-mismatch', productId: 'p_calm', stock: 1, held: 0, putIn: 3 },
      { kind: 'lost-order', orderId: 'o_2' },
    ]);
  });

  it('catches a cancelled order whose units never went back to stock', () => {
    const history = balanced();
    const leaked: History = {
      ...history,
      products: [
        { id: 'p_hot', stock: 0 },
        { id: 'p_calm', stock: 1 },
      ],
    };
    expect(checkInvariants(leaked).violations).toEqual([
      { kind: 'stock-mismatch', productId: 'p_hot', stock: 0, held: 13, putIn: 15 },
    ]);
  });

  it('catches an order listed twice and one order acknowledged for two purchases', () => {
    const history = balanced();
    const doubled: History = {
      ...history,
      orders: [...history.orders, order('o_3', 'CANCELLED', ['p_hot', 4])],
      acknowledged: [...history.acknowledged, 'o_1'],
    };
    expect(checkInvariants(doubled).violations).toEqual([
      { kind: 'duplicated-order', orderId: 'o_3', times: 2 },
      { kind: 'acknowledged-twice', orderId: 'o_1', times: 2 },
    ]);
  });

  it('catches products that vanished or that nobody put in', () => {
    const history = balanced();
    const strange: History = {
      ...history,
      products: [
        { id: 'p_hot', stock: 2 },
        { id: 'p_ghost', stock: 7 },
      ],
      orders: [...history.orders, order('o_4', 'CANCELLED', ['p_phantom', 1])],
    };
    const kinds = checkInvariants(strange).violations;
    expect(kinds).toContainEqual({ kind: 'unknown-product', productId: 'p_ghost' });
    expect(kinds).toContainEqual({ kind: 'missing-product', productId: 'p_calm' });
    // A cancelled line holds nothing, but its product must still be one the shop sold.
    expect(kinds).toContainEqual({ kind: 'unknown-product', productId: 'p_phantom' });
    expect(kinds).toHaveLength(3);
  });

  it('describes violations one line per kind, with a few examples', () => {
    const lines = describeViolations(
      ['o_7', 'o_8', 'o_9', 'o_10'].map((orderId) => ({ kind: 'lost-order' as const, orderId })),
    );
    expect(lines).toEqual([
      'lost-order ×4: {"orderId":"o_7"}, {"orderId":"o_8"}, {"orderId":"o_9"}, …',
    ]);
  });
});
