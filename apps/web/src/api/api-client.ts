import type { ErrorCode } from '@sellout/core/shared/error-codes';
import type { z } from 'zod';
import { ApiError, type ApiErrorCode } from './api-error';
import { type ResponseSchemas, responseSchemas } from './response-schemas';
import type { Session } from './response-types';
import type { SessionStore } from './session-store';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type ApiRequest = {
  method?: Method;
  /** Starts with `/api/`. */
  path: string;
  query?: Record<string, string | number | null | undefined>;
  body?: unknown;
  /** Shopper endpoints: sends the guest token, creating the guest session on first need. */
  auth?: boolean;
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
};

/** Which of the contract's schemas an answer must match (they are loaded on first use). */
export type SchemaOf<T> = (schemas: ResponseSchemas) => z.ZodType<T>;

/** A cart line as this tab last showed it. */
type VisibleLine = { productId: string; quantity: number; name: string };

/**
 * The last time this tab replaced a session the server refused, and what became of the cart
 * the shopper saw (ADR 47): `carried` and `lost` name its lines; `cartSeen` is false when this
 * tab never showed that cart (a page opened on an expired session), so nothing could be moved.
 */
export type SessionReplacement = {
  /** How many times this tab replaced a refused session; 0 until it does. */
  count: number;
  cartSeen: boolean;
  carried: string[];
  lost: string[];
};

const NO_REPLACEMENT: SessionReplacement = { count: 0, cartSeen: false, carried: [], lost: [] };

export type ApiClient = {
  /** Sends a request and returns its JSON body, checked against the schema `pick` names. */
  json<T>(pick: SchemaOf<T>, request: ApiRequest): Promise<T>;
  /** Sends a request and returns its body as text (invoices). */
  text(request: ApiRequest): Promise<string>;
  session: {
    current(): Session | null;
    /** The guest session, created if there is none yet. */
    ensure(): Promise<Session>;
    subscribe(listener: () => void): () => void;
    /**
     * How many times this tab replaced a session the server refused (0 on an ordinary visit:
     * creating the first session is not a replacement). Changes are announced to `subscribe`.
     */
    replacedCount(): number;
    /** The latest replacement; the same object until the next one. */
    replacement(): SessionReplacement;
  };
};

export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

const KNOWN_CODES = {
  VALIDATION_FAILED: true,
  UNAUTHORIZED: true,
  FORBIDDEN: true,
  NOT_FOUND: true,
  OUT_OF_STOCK: true,
  CART_EMPTY: true,
  NOT_ON_SALE: true,
  ORDER_NOT_PENDING: true,
  PAYLOAD_TOO_LARGE: true,
  UNSUPPORTED_MEDIA_TYPE: true,
  PURCHASE_LIMIT_EXCEEDED: true,
  IDEMPOTENCY_KEY_REUSED: true,
  RATE_LIMITED: true,
  UNAVAILABLE: true,
  INTERNAL: true,
} satisfies Record<ErrorCode, true>;

const isKnownCode = (code: string): code is ErrorCode => Object.hasOwn(KNOWN_CODES, code);

const secondsFrom = (value: unknown): number | null => {
  const seconds = typeof value === 'string' ? Number(value.trim()) : value;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0
    ? Math.ceil(seconds)
    : null;
};

/** Turns any non-2xx answer into an ApiError, trusting only the contract's error shape. */
const errorFrom = async (response: Response): Promise<ApiError> => {
  const headerWait = secondsFrom(response.headers.get('Retry-After'));
  const body: unknown = await response.json().catch(() => null);
  // Without the schemas (they failed to load), the status alone still says what happened.
  const schemas = await responseSchemas().catch(() => null);
  const parsed = schemas?.errorJsonSchema.safeParse(body);
  if (parsed?.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(isKnownCode(code) ? code : fallbackCode(response.status), message, {
      status: response.status,
      details,
      retryAfterSeconds: headerWait ?? secondsFrom(details?.retryAfterSeconds),
    });
  }
  return new ApiError(
    fallbackCode(response.status),
    `The store answered ${response.status} without saying why.`,
    { status: response.status, retryAfterSeconds: headerWait },
  );
};

/** A proxy or gateway in front of the API answers in its own words; judge by status alone. */
const fallbackCode = (status: number): ApiErrorCode => {
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'UNAVAILABLE';
  return 'BAD_RESPONSE';
};

const urlOf = (request: ApiRequest, baseUrl: string) => {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(request.query ?? {})) {
    if (value !== null && value !== undefined && value !== '') params.set(name, String(value));
  }
  const search = params.size > 0 ? `?${params}` : '';
  return `${baseUrl}${request.path}${search}`;
};

/**
 * The one way the shop talks to the API: JSON in and out, the bearer token added for shopper
 * endpoints, and every failure turned into an ApiError whose `code` the UI can explain.
 */
export const createApiClient = (options: {
  sessions: SessionStore;
  fetch?: Fetch;
  baseUrl?: string;
}): ApiClient => {
  const { sessions, baseUrl = '' } = options;
  // Called as a plain function: `window.fetch` throws "Illegal invocation" on another `this`.
  const doFetch: Fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let creating: Promise<Session> | null = null;
  let replacement = NO_REPLACEMENT;
  /** The cart as the latest cart answer showed it, and whose it was. */
  let visibleCart: { token: string; lines: VisibleLine[] } | null = null;
  /** A refused session waiting to be replaced, with its cart when this tab saw it. */
  let refused: { lines: VisibleLine[] | null } | null = null;

  const fetchOrFail = async (url: string, init: RequestInit) => {
    try {
      return await doFetch(url, init);
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new ApiError('NETWORK', 'The store could not be reached.', { cause: error });
    }
  };

  /**
   * Puts the lines the shopper saw into the new session's cart, in their order, one add each
   * (a cart holds at most 48 lines). A line the store will not take (its product is gone) is
   * named as lost rather than failing the rest.
   */
  const carryOver = async (into: Session, lines: VisibleLine[]) => {
    const carried: string[] = [];
    const lost: string[] = [];
    for (const line of lines) {
      const added = await fetchOrFail(`${baseUrl}/api/cart`, {
        method: 'POST',
        headers: {
          Accept: 'application/json',
          'Content-Type': 'application/json',
          Authorization: `Bearer ${into.token}`,
        },
        body: JSON.stringify({ productId: line.productId, quantity: line.quantity }),
      }).catch(() => null);
      await added?.body?.cancel().catch(() => {});
      (added?.ok ? carried : lost).push(line.name);
    }
    return { carried, lost };
  };

  const createSession = async (): Promise<Session> => {
    const response = await fetchOrFail(`${baseUrl}/api/session`, {
      method: 'POST',
      headers: { Accept: 'application/json' },
    });
    if (!response.ok) throw await errorFrom(response);
    const session = await parse((schemas) => schemas.sessionJsonSchema, response);
    if (refused) {
      // Taken only once the new session exists: if creating it failed, the next attempt
      // carries the cart instead.
      const { lines } = refused;
      refused = null;
      const moved = lines ? await carryOver(session, lines) : { carried: [], lost: [] };
      replacement = { count: replacement.count + 1, cartSeen: lines !== null, ...moved };
    }
    // Written only now, so that every call waiting for the new session reads the cart it was
    // given, and listeners told of it already see the replacement.
    sessions.write(session);
    return session;
  };

  // Concurrent first calls (cart badge, recommendations) share one new session, not one each.
  const startCreating = () => {
    creating ??= createSession().finally(() => {
      creating = null;
    });
    return creating;
  };

  const ensure = (): Promise<Session> => {
    const current = sessions.read();
    return current ? Promise.resolve(current) : startCreating();
  };

  /** Replaces a token the server refused, unless another call has already replaced it. */
  const renew = (token: string) => {
    if (sessions.read()?.token !== token) return ensure();
    refused = { lines: visibleCart?.token === token ? visibleCart.lines : null };
    // Started before the old session is dropped: listeners that refetch at once wait for it.
    const next = startCreating();
    sessions.write(null);
    return next;
  };

  /** Cart answers (`/api/cart…`) are the cart the shopper sees; kept to carry it over. */
  const noteCart = (request: ApiRequest, token: string | null, body: unknown) => {
    if (!token || !(request.path === '/api/cart' || request.path.startsWith('/api/cart/'))) return;
    // Already checked against the cart schema by `parse`: the answer of a cart path is a Cart.
    const cart = body as { items: VisibleLine[] };
    visibleCart = {
      token,
      lines: cart.items.map(({ productId, quantity, name }) => ({ productId, quantity, name })),
    };
  };

  const send = async (
    request: ApiRequest,
    isRetry = false,
  ): Promise<{ response: Response; token: string | null }> => {
    const headers = new Headers(request.headers);
    headers.set('Accept', 'application/json');
    if (request.body !== undefined) headers.set('Content-Type', 'application/json');
    const token = request.auth ? (await ensure()).token : null;
    if (token) headers.set('Authorization', `Bearer ${token}`);
    const response = await fetchOrFail(urlOf(request, baseUrl), {
      method: request.method ?? 'GET',
      headers,
      body: request.body === undefined ? null : JSON.stringify(request.body),
      signal: request.signal ?? null,
    });
    // A token the server no longer accepts (expired, its secret rotated, the store reset): start a
    // new guest session once. Retrying more would loop if the server refuses every token.
    if (response.status === 401 && token && !isRetry) {
      await response.body?.cancel().catch(() => {});
      if ((request.method ?? 'GET') === 'GET') {
        // A read only shows what the new session has; sending it again changes nothing.
        await renew(token);
        return send(request, true);
      }
      // A write is not sent again: the shopper sees the new session (and what was carried into
      // its cart) before deciding to check out or change the cart under it.
      // If the new session cannot be created now, the next call creates it.
      await renew(token).catch(() => {});
      throw new ApiError(
        'SESSION_REPLACED',
        'The store refused the session token; a new guest session was started.',
        { status: response.status },
      );
    }
    if (!response.ok) throw await errorFrom(response);
    return { response, token };
  };

  return {
    json: async (pick, request) => {
      // Loading starts with the request, so a first call waits for the slower of the two.
      void responseSchemas().catch(() => {});
      const { response, token } = await send(request);
      const body = await parse(pick, response);
      noteCart(request, token, body);
      return body;
    },
    text: async (request) => (await send(request)).response.text(),
    session: {
      current: () => sessions.read(),
      ensure,
      subscribe: sessions.subscribe,
      replacedCount: () => replacement.count,
      replacement: () => replacement,
    },
  };
};

const parse = async <T>(pick: SchemaOf<T>, response: Response): Promise<T> => {
  const body: unknown = await response.json().catch(() => undefined);
  const schemas = await responseSchemas().catch((error: unknown) => {
    throw new ApiError('NETWORK', 'The store could not be reached.', { cause: error });
  });
  const result = pick(schemas).safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new ApiError(
    'BAD_RESPONSE',
    `Unexpected answer from the store${issue ? ` at ${issue.path.join('.') || 'body'}: ${issue.message}` : ''}.`,
    { status: response.status },
  );
};
