import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { AppEnv } from '../app-deps';
import { CLIENT_CLOSED_REQUEST, clientHungUp } from './client-abort';

type Level = 'info' | 'warn' | 'error';

/**
 * The request's logger: every line carries the request id (and the shopper, once known). The
 * fields go onto the process logger's line directly — the JSON is the same as a pino child's —
 * because a child per request, and a child of it per shopper, cost more than the whole
 * answer to a catalog read (about 20 µs), for most requests that log one line or none.
 */
export type RequestLog = {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
  /** Adds fields to every later line of this request. */
  bind(fields: Record<string, unknown>): void;
};

const requestLogger = (logger: Logger, bindings: Record<string, unknown>): RequestLog => {
  const write = (level: Level, fields: object, message: string) => {
    if (logger.isLevelEnabled(level)) logger[level]({ ...bindings, ...fields }, message);
  };
  return {
    info: (fields, message) => write('info', fields, message),
    warn: (fields, message) => write('warn', fields, message),
    error: (fields, message) => write('error', fields, message),
    bind(fields) {
      Object.assign(bindings, fields);
    },
  };
};

/**
 * Gives the request its logger (`c.get('log')`, carrying the request id) and answers a function
 * that writes the request's one line once the answer is known.
 */
export const openRequestLog = (logger: Logger, c: Context<AppEnv>) => {
  const started = performance.now();
  const log = requestLogger(logger, { reqId: c.get('requestId') });
  c.set('log', log);
  return () => {
    const level = c.res.status >= 500 ? 'error' : 'info';
    if (!logger.isLevelEnabled(level)) return;
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const line = { method: c.req.method, path: c.req.path, status: c.res.status, ms };
    // A client that hangs up is its own doing: counted apart (`aborted`), never as a 5xx.
    if (clientHungUp(c)) {
      log.info({ ...line, status: CLIENT_CLOSED_REQUEST, aborted: true }, 'request');
      return;
    }
    log[level](line, 'request');
  };
};
