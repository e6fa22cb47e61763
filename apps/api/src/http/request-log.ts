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

// A class rather than an object of closures: four closures made per request cost more than the
// one line most requests never write.
class RequestLogger implements RequestLog {
  constructor(
    private readonly logger: Logger,
    private readonly bindings: Record<string, unknown>,
  ) {}

  private write(level: Level, fields: object, message: string) {
    if (this.logger.isLevelEnabled(level)) {
      this.logger[level]({ ...this.bindings, ...fields }, message);
    }
  }

  info(fields: object, message: string) {
    this.write('info', fields, message);
  }

  warn(fields: object, message: string) {
    this.write('warn', fields, message);
  }

  error(fields: object, message: string) {
    this.write('error', fields, message);
  }

  bind(fields: Record<string, unknown>) {
    Object.assign(this.bindings, fields);
  }
}

/** The fields of a request's one line, for a request begun at `started` (`performance.now()`). */
export const requestLine = (method: string, path: string, status: number, started: number) => ({
  method,
  path,
  status,
  ms: Math.round((performance.now() - started) * 10) / 10,
});

/**
 * Gives the request its logger (`c.get('log')`, carrying the request id) and answers a function
 * that writes the request's one line once the answer is known.
 */
export const openRequestLog = (logger: Logger, c: Context<AppEnv>) => {
  const started = performance.now();
  const log = new RequestLogger(logger, { reqId: c.get('requestId') });
  c.set('log', log);
  return () => {
    const level = c.res.status >= 500 ? 'error' : 'info';
    if (!logger.isLevelEnabled(level)) return;
    const line = requestLine(c.req.method, c.req.path, c.res.status, started);
    // A client that hangs up is its own doing: counted apart (`aborted`), never as a 5xx.
    if (clientHungUp(c)) {
      log.info({ ...line, status: CLIENT_CLOSED_REQUEST, aborted: true }, 'request');
      return;
    }
    log[level](line, 'request');
  };
};
