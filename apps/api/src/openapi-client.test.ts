import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';
import { createTestApp } from './testing/test-app';

const TSC = join(import.meta.dirname, '../../../node_modules/.bin/tsc');

/**
 * A small client a shop integrator would write against the generated types: it narrows the
 * answers of a checkout by status and error code, and would not compile if the document folded
 * errors together or lost an operation's name.
 */
const CLIENT = `
import type { operations, paths } from './api';

type CheckOut = paths['/api/orders']['post'];
type Placed = CheckOut['responses'][201]['content']['application/json'];
type Refused = CheckOut['responses'][409]['content']['application/json'];
type OverLimit = CheckOut['responses'][422]['content']['application/json'];
type Shipping = CheckOut['requestBody']['content']['application/json']['shipping'];

export const checkOut = async (
  token: string,
  email: string,
  shipping: Shipping,
): Promise<string> => {
  const response = await fetch('/api/orders', {
    method: 'POST',
    headers: { Authorization: \`Bearer \${token}\`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, shipping, paymentToken: 'tok_visa' }),
  });
  if (response.status === 201) {
    const placed = (await response.json()) as Placed;
    return \`placed \${placed.order.id} for \${placed.order.totalCents} cents\`;
  }
  if (response.status === 409) {
    const { error } = (await response.json()) as Refused;
    switch (error.code) {
      case 'OUT_OF_STOCK':
        return 'sold out';
      case 'CART_EMPTY':
        return 'nothing to buy';
      case 'NOT_ON_SALE':
        return 'the drop has not opened yet';
      default: {
        const unknown: never = error.code;
        return unknown;
      }
    }
  }
  if (response.status === 422) {
    const { error } = (await response.json()) as OverLimit;
    return error.code === 'PURCHASE_LIMIT_EXCEEDED' ? 'over the limit' : 'key reused';
  }
  return 'try again';
};

export const stockOf = (product: operations['getProduct']['responses'][200]['content']['application/json']): number =>
  product.stock;

// @ts-expect-error "buy now" never answers CART_EMPTY: the document says so.
export const impossible: paths['/api/checkout']['post']['responses'][409]['content']['application/json']['error']['code'] = 'CART_EMPTY';

// @ts-expect-error a cart's items are a list of lines.
export const noCart: operations['getCart']['responses'][200]['content']['application/json'] = { items: 'none' };
`;

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    noEmit: true,
    target: 'es2022',
    module: 'preserve',
    moduleResolution: 'bundler',
    lib: ['es2022', 'dom'],
    types: [],
  },
  files: ['client.ts'],
};

describe('a TypeScript client generated from the OpenAPI document', () => {
  it('type-checks against the generated types', { timeout: 60_000 }, async () => {
    const t = await createTestApp({ store: 'memory' });
    const document = await (await t.app.request('/api/openapi.json')).text();
    t.close();
    const dir = mkdtempSync(join(tmpdir(), 'sellout-client-'));
    try {
      writeFileSync(join(dir, 'api.d.ts'), astToString(await openapiTS(document)));
      writeFileSync(join(dir, 'client.ts'), CLIENT);
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG));
      const run = promisify(execFile)(TSC, ['-p', dir], { cwd: dir });
      const outcome = await run.then(
        () => 'compiles',
        (error: { stdout?: string }) => error.stdout ?? String(error),
      );
      expect(outcome).toBe('compiles');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
