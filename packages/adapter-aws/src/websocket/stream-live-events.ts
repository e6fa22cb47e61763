import type { Catalog } from '@sellout/core/catalog/catalog-port';
import type { LiveEvent } from '@sellout/core/live/live-updates-port';
import type { OrderStatus } from '@sellout/core/orders/order';
import { numberAt, textAt } from '../dynamodb/item';
import { imagesOf, type StreamRecord, tableOfRecord } from '../dynamodb/stream-records';

/** `p_1` for the product item, `p_1#3` for its fourth stock shard. */
const productIdOf = (pk: string) => {
  const hash = pk.indexOf('#');
  return hash < 0 ? pk : pk.slice(0, hash);
};

/** What a products-stream record changed: the stock of a stock item, the product's drop time. */
const productChange = (record: StreamRecord) => {
  const { old, new: current } = imagesOf(record);
  const pk = (current ?? old)?.pk?.S;
  if (!pk || record.eventName === 'REMOVE') return null;
  const isProductItem = !pk.includes('#');
  // A new product item is a new product, which no page shows yet; a new shard item (a restock
  // into more shards) carries units.
  const stock =
    old === null
      ? !isProductItem && numberAt(current!, 'stock') > 0
      : numberAt(old, 'stock') !== numberAt(current!, 'stock');
  const drop =
    isProductItem &&
    old !== null &&
    textAt(old, 'saleStartsAt') !== textAt(current!, 'saleStartsAt');
  return { productId: productIdOf(pk), stock, drop };
};

/** An order whose status moved (PENDING → PROCESSED or CANCELLED): its owner hears of it. */
const orderChange = (record: StreamRecord): LiveEvent | null => {
  if (record.eventName !== 'MODIFY') return null;
  const { old, new: current } = imagesOf(record);
  const status = textAt(current ?? undefined, 'status');
  if (!old || !current || !status || textAt(old, 'status') === status) return null;
  const orderId = textAt(current, 'pk');
  const userId = textAt(current, 'userId');
  return orderId && userId
    ? { type: 'order', orderId, userId, status: status as OrderStatus }
    : null;
};

/**
 * The live messages a stream batch calls for. A product's stock is the sum over its stock
 * items (ADR 12), which no single record holds: each product whose stock changed is read once
 * per batch, consistently, after the changes (the stream only carries committed writes), and
 * gets one stock message with the level it has now — the coalescing of DESIGN §7, per batch.
 * A change of the drop time gets a product message. A change of neither (a new name or price)
 * sends nothing. Order status changes go to the order's owner.
 */
export const liveEventsOfRecords = async (
  records: readonly StreamRecord[],
  deps: { tables: { products: string; orders: string }; catalog: Pick<Catalog, 'getMany'> },
): Promise<LiveEvent[]> => {
  const stockChanged = new Set<string>();
  const dropChanged = new Set<string>();
  const orders: LiveEvent[] = [];
  for (const record of records) {
    const table = tableOfRecord(record);
    if (table === deps.tables.orders) {
      const event = orderChange(record);
      if (event) orders.push(event);
    } else if (table === deps.tables.products) {
      const change = productChange(record);
      if (change?.stock) stockChanged.add(change.productId);
      if (change?.drop) dropChanged.add(change.productId);
    }
  }
  const changed = [...new Set([...dropChanged, ...stockChanged])];
  const products = changed.length > 0 ? await deps.catalog.getMany(changed) : [];
  const byId = new Map(products.map((product) => [product.id, product]));
  const events: LiveEvent[] = [];
  for (const id of changed) {
    const product = byId.get(id);
    if (!product) continue;
    if (dropChanged.has(id)) {
      events.push({
        type: 'product',
        productId: id,
        saleStartsAt: product.saleStartsAt,
        version: product.version,
      });
    }
    if (stockChanged.has(id)) {
      events.push({ type: 'stock', productId: id, stock: product.stock, version: product.version });
    }
  }
  return [...events, ...orders];
};
