import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import type { AppEnv } from '../app-deps';
import { builtAnswerSize, REQUEST_ID_HEADER } from './json-answers';
import { openRequestLog } from './request-log';
import { setSecurityHeaders } from './security-headers';

/** What a caller's own request id may be (Hono's `requestId` rule): else the shop draws one. */
const CALLERS_ID = /^[\w\-=]{1,255}$/;

/** A request's id: the caller's `X-Request-Id` when it is a plain token, else a random UUID. */
export const requestIdOf = (callers: string | undefined) =>
  callers !== undefined && CALLERS_ID.test(callers) ? callers : crypto.randomUUID();

/**
 * What every request gets, in one layer rather than three (each layer of Hono's composition is
 * a promise and a turn of the microtask queue; three cost a catalog read about a sixth of its
 * time, ADR 41): a request id (the caller's, when it is a plain token, else a random UUID), the
 * request's logger and its log line, and the security and cache headers on the answer, errors
 * included, with the request id among them — except on answers `answerJson` built with all of
 * them, which go out untouched (ADR 41).
 */
export const everyRequest =
  (logger: Logger): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const id = requestIdOf(c.req.header(REQUEST_ID_HEADER));
    c.set('requestId', id);
    const logRequest = openRequestLog(logger, c);
    await next();
    if (builtAnswerSize(c.res) === undefined) {
      c.res.headers.set(REQUEST_ID_HEADER, id);
      setSecurityHeaders(c);
    }
    logRequest();
  };
