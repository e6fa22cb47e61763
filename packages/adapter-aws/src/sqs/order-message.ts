/** The body of an order message: just the id; the worker reads the order from the table. */
export const orderMessageBody = (orderId: string) => JSON.stringify({ orderId });

/** The order id of a message body, or null for a body that is not an order message. */
export const orderIdOfMessage = (body: string): string | null => {
  try {
    const parsed: unknown = JSON.parse(body);
    const orderId = (parsed as { orderId?: unknown } | null)?.orderId;
    return typeof orderId === 'string' && orderId.length > 0 && orderId.length <= 1024
      ? orderId
      : null;
  } catch {
    return null;
  }
};
