import type { Context } from 'hono';
import type { UnofficialStatusCode } from 'hono/utils/http-status';

/**
 * What the request log records for a request whose client hung up before the answer (nginx's
 * "client closed request"). Nobody receives it: it only keeps such requests apart from the
 * server's own failures, which an alarm watches.
 */
export const CLIENT_CLOSED_REQUEST = 499 as UnofficialStatusCode;

/** Node's errors for a request stream cut off by its client: ECONNRESET "aborted", and kin. */
const STREAM_CUT_OFF = new Set(['ECONNRESET', 'ERR_STREAM_PREMATURE_CLOSE', 'UND_ERR_ABORTED']);

/** What `@hono/node-server` hands the app as its env: the Node response, among others. */
type NodeBindings = { outgoing?: { destroyed: boolean; writableFinished: boolean } };

/**
 * The client went away before it was answered. Runtimes abort the request's signal then; on
 * Node the response says so too, and asking it spares building that AbortSignal on every
 * request (it costs as much as a quarter of a bare answer), exactly as the adapter decides it.
 */
export const clientHungUp = (c: Context) => {
  const outgoing = (c.env as NodeBindings | undefined)?.outgoing;
  if (outgoing) return outgoing.destroyed && !outgoing.writableFinished;
  return c.req.raw.signal.aborted;
};

/**
 * An error that only says the client went away mid-request — typically reading a body it
 * stopped sending. That is the client's doing, not a fault of the server.
 */
export const isClientAbort = (c: Context, error: unknown) => {
  if (!clientHungUp(c) || !(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code;
  return (code !== undefined && STREAM_CUT_OFF.has(code)) || error.name === 'AbortError';
};
