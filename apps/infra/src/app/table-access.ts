import type { TableKey } from '@sellout/adapter-aws/dynamodb/table-definitions';
import type { FunctionName } from '../environments';

type Access = { readWrite: readonly TableKey[]; read: readonly TableKey[] };

/**
 * Which tables each function works on: its role is granted these and nothing else, so a
 * function that reaches for another table is refused by IAM. The HTTP API runs the whole shop
 * (catalog, carts, checkout, admin); the worker processes one order (a cancel gives the stock
 * and the customer's holdings back, the email marker guards the send); the stream relay and
 * the sweeper read orders and fan out to the connections; the WebSocket routes keep the
 * connections.
 */
export const TABLE_ACCESS: Record<FunctionName, Access> = {
  http: {
    readWrite: [
      'products',
      'carts',
      'orders',
      'interactions',
      'idempotency',
      'holdings',
      'uniques',
      'markers',
    ],
    read: [],
  },
  worker: { readWrite: ['orders', 'products', 'holdings', 'markers'], read: [] },
  stream: { readWrite: ['connections', 'markers'], read: ['orders', 'products'] },
  sweeper: { readWrite: ['markers'], read: ['orders'] },
  ws: { readWrite: ['connections'], read: [] },
};
