import type { LiveMessage, LiveMessageParser } from './live-messages';

export type LiveStatus = 'connecting' | 'open' | 'closed';

/** The part of a WebSocket the client uses, so tests can hand it a fake one. */
export type LiveSocket = {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
};

export type LiveClientOptions = {
  /** Asked on every (re)connect, so a new session token is picked up. */
  url: () => string;
  parse: LiveMessageParser;
  onMessage: (message: Exclude<LiveMessage, { type: 'pong' }>) => void;
  onStatus?: (status: LiveStatus) => void;
  /** After a reconnect: messages may have been missed while the socket was down. */
  onReconnected?: () => void;
  createSocket?: (url: string) => LiveSocket;
  random?: () => number;
  heartbeatMs?: number;
  pongTimeoutMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
};

export const HEARTBEAT_MS = 25_000;
export const PONG_TIMEOUT_MS = 10_000;
export const BASE_DELAY_MS = 500;
export const MAX_DELAY_MS = 15_000;

/**
 * "Equal jitter": half the exponential delay is fixed, half random. The fixed half keeps a
 * client from hammering a server that is down; the random half keeps the thousands of shoppers
 * of a flash sale, all dropped by one restart, from reconnecting in the same instant.
 */
export const reconnectDelay = (
  attempt: number,
  random: () => number,
  base = BASE_DELAY_MS,
  max = MAX_DELAY_MS,
) => {
  const ceiling = Math.min(max, base * 2 ** attempt);
  return ceiling / 2 + random() * (ceiling / 2);
};

/** One WebSocket to /api/live that stays up: heartbeats, and reconnects with backoff. */
export const createLiveClient = (options: LiveClientOptions) => {
  const {
    random = Math.random,
    heartbeatMs = HEARTBEAT_MS,
    pongTimeoutMs = PONG_TIMEOUT_MS,
    baseDelayMs = BASE_DELAY_MS,
    maxDelayMs = MAX_DELAY_MS,
  } = options;
  const createSocket =
    options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as LiveSocket);

  let socket: LiveSocket | null = null;
  let status: LiveStatus = 'closed';
  let running = false;
  let hasOpened = false;
  let attempt = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setTimeout> | undefined;
  let pongTimer: ReturnType<typeof setTimeout> | undefined;

  const setStatus = (next: LiveStatus) => {
    if (next === status) return;
    status = next;
    options.onStatus?.(next);
  };

  const clearTimers = () => {
    clearTimeout(reconnectTimer);
    clearTimeout(pingTimer);
    clearTimeout(pongTimer);
  };

  /** Forgets the current socket; its late events are ignored from now on. */
  const drop = () => {
    const old = socket;
    socket = null;
    clearTimers();
    if (old) {
      old.onopen = old.onmessage = old.onclose = old.onerror = null;
      try {
        old.close(1000);
      } catch {
        // Closing a socket that never opened may throw in some browsers; it is gone either way.
      }
    }
  };

  const scheduleReconnect = () => {
    setStatus('closed');
    if (!running) return;
    const delay = reconnectDelay(attempt, random, baseDelayMs, maxDelayMs);
    attempt += 1;
    reconnectTimer = setTimeout(connect, delay);
  };

  const schedulePing = (ws: LiveSocket) => {
    clearTimeout(pingTimer);
    pingTimer = setTimeout(() => {
      if (socket !== ws) return;
      ws.send(JSON.stringify({ type: 'ping' }));
      // A connection can die without a close event (a laptop lid, a NAT timeout): no pong means
      // nobody is listening, so start over instead of showing stale stock forever.
      pongTimer = setTimeout(() => {
        drop();
        scheduleReconnect();
      }, pongTimeoutMs);
    }, heartbeatMs);
  };

  function connect() {
    drop();
    setStatus('connecting');
    let ws: LiveSocket;
    try {
      ws = createSocket(options.url());
    } catch {
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      setStatus('open');
      if (hasOpened) options.onReconnected?.();
      hasOpened = true;
      schedulePing(ws);
    };
    ws.onmessage = (event) => {
      const message = options.parse(event.data);
      if (!message) return;
      if (message.type === 'pong') {
        clearTimeout(pongTimer);
        schedulePing(ws);
        return;
      }
      options.onMessage(message);
    };
    ws.onclose = () => {
      drop();
      scheduleReconnect();
    };
    // An error is always followed by close, which does the work.
    ws.onerror = () => {};
  }

  return {
    start() {
      if (running) return;
      running = true;
      connect();
    },
    stop() {
      running = false;
      drop();
      setStatus('closed');
    },
    /** Connects again now, e.g. with a new session token or when the browser is back online. */
    reconnectNow() {
      if (!running) return;
      attempt = 0;
      connect();
    },
    status: () => status,
  };
};

export type LiveClient = ReturnType<typeof createLiveClient>;
