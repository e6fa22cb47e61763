import { formatDropTime } from '../lib/format-date';
import { isApiError } from './api-error';

export type DescribeOptions = {
  /** Names products in stock and limit messages; falls back to "this item". */
  productName?: (productId: string) => string | undefined;
  /** Whether the app will send the request again by itself (idempotent reads and checkout). */
  willRetry?: boolean;
};

/** The browser knows it has no network (it is never wrong this way round, only the other). */
const isOffline = () => typeof navigator !== 'undefined' && navigator.onLine === false;

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const seconds = (value: number | null) => `${Math.max(1, value ?? 1)} s`;

/**
 * An error in words a shopper can act on. The server's own `message` is written for developers
 * (it names product ids and headers), so the UI speaks from the code and details instead.
 */
export const describeError = (error: unknown, options: DescribeOptions = {}): string => {
  if (!isApiError(error)) return 'Something went wrong — please try again.';
  const name = (id: string) => options.productName?.(id) ?? 'this item';
  switch (error.code) {
    case 'NETWORK':
      // No answer is not the same as no connection: the shop may be down or unreachable while
      // the device is online, and "you're offline" would send the shopper to their Wi-Fi.
      if (isOffline()) {
        return options.willRetry
          ? 'You’re offline — we’ll retry when the connection is back.'
          : 'You’re offline — check your connection and try again.';
      }
      return options.willRetry
        ? 'We can’t reach the shop right now — we’ll keep trying.'
        : 'We can’t reach the shop right now — please try again in a moment.';
    case 'RATE_LIMITED':
      return `Too many tries — wait ${seconds(error.retryAfterSeconds)} and try again.`;
    case 'UNAVAILABLE':
      return `The store is very busy right now — try again in ${seconds(error.retryAfterSeconds)}.`;
    case 'OUT_OF_STOCK': {
      const lines = error.shortfalls.map((s) =>
        s.available === 0
          ? `${name(s.productId)} just sold out.`
          : `Only ${s.available} left of ${name(s.productId)}.`,
      );
      return lines.length > 0 ? lines.join(' ') : 'Some items just sold out.';
    }
    case 'PURCHASE_LIMIT_EXCEEDED': {
      const lines = error.limitBreaches.map(
        (b) => `Limit ${b.limit} per order for ${name(b.productId)}.`,
      );
      return lines.length > 0 ? lines.join(' ') : 'You asked for more than the limit per order.';
    }
    case 'CART_EMPTY':
      return 'Your cart is empty — add something before checking out.';
    case 'NOT_ON_SALE': {
      const lines = error.closedLines.map(
        (c) =>
          `${capitalised(name(c.productId))} goes on sale at ${formatDropTime(c.saleStartsAt)} — not yet, so nothing was ordered.`,
      );
      return lines.length > 0
        ? `${lines.join(' ')} Place your order again once it opens.`
        : 'This drop hasn’t opened yet — you can buy the moment the countdown ends.';
    }
    case 'ORDER_NOT_PENDING':
      return 'That order has already been processed or cancelled.';
    case 'VALIDATION_FAILED':
      return 'Some details need fixing — see the messages next to the fields.';
    case 'NOT_FOUND':
      return 'We couldn’t find that — it may have been removed.';
    case 'IDEMPOTENCY_KEY_REUSED':
      return 'This checkout was already sent with other details — check Your orders before trying again.';
    case 'SESSION_REPLACED':
      // What became of the cart is the session notice's to say (it knows; this error does not).
      return 'Your session expired, so we started a new one — please try again.';
    case 'UNAUTHORIZED':
      return 'Your session has expired — reload the page to start a new one.';
    case 'FORBIDDEN':
      return 'That is not something a shopper can do.';
    case 'PAYLOAD_TOO_LARGE':
      return 'That is too much text to send — shorten it and try again.';
    case 'UNSUPPORTED_MEDIA_TYPE':
    case 'BAD_RESPONSE':
      return 'The store sent an answer we did not understand — reload the page and try again.';
    case 'INTERNAL': {
      const requestId = error.details.requestId;
      return `Something went wrong on our side — please try again.${
        typeof requestId === 'string' ? ` (Reference ${requestId})` : ''
      }`;
    }
  }
};
