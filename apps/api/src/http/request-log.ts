import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import type { AppEnv } from '../app-deps';
import { CLIENT_CLOSED_REQUEST, clientHungUp } from './client-abort';

/** One log line per request, and a request-scoped logger carrying the request id. */
export const requestLog =
  (logger: Logger): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const started = performance.now();
    const log = logger.child({ reqId: c.get('requestId') });
    c.set('log', log);
    await next();
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const line = { method: c.req.method, path: c.req.path, status: c.res.status, ms };
    // A client that hangs up is its own doing: counted apart (`aborted`), never as a 5xx.
    if (clientHungUp(c)) {
      c.get('log').info({ ...line, status: CLIENT_CLOSED_REQUEST, aborted: true }, 'request');
      return;
    }
    c.get('log')[c.res.status >= 500 ? 'error' : 'info'](line, 'request');
  };
