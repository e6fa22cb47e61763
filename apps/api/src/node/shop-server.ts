import { createServer, type Server, type ServerOptions } from 'node:http';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Logger } from 'pino';
import type { AppEnv } from '../app-deps';
import type { Config } from '../config';
import { compressAnswers } from './compress-answers';
import { answerClientErrorsInApiShape } from './http-client-errors';
import type { Listener } from './product-read-lane';
import { mountStaticSite } from './static-site';

export class ListenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ListenError';
  }
}

/**
 * The shop's own HTTP server, as every Node entry point runs it: the storefront beside the
 * API, answers compressed (on AWS, CloudFront compresses in front of Lambda: ADR 31), and
 * requests Node's parser rejects answered in the API's error shape. `front` may answer some
 * requests before the adapter and Hono see them (the product read lane), passing on the rest.
 * Resolves once it listens on HOST:PORT; a port in use (or any other listen error) rejects with
 * a message saying so.
 */
export const startShopServer = async (
  app: Hono<AppEnv>,
  config: Config,
  logger: Logger,
  front: (app: Listener) => Listener = (listener) => listener,
) => {
  if (!mountStaticSite(app)) {
    logger.warn(
      'no storefront build found (apps/web/dist); run `npm run build` — serving the API only',
    );
  }
  let server: Server | undefined;
  const url = await new Promise<string>((resolve, reject) => {
    server = serve(
      {
        fetch: compressAnswers(app.fetch),
        hostname: config.HOST,
        port: config.PORT,
        // The adapter calls it with its options and its listener, which `front` goes before.
        createServer: ((options: ServerOptions, listener: Listener) =>
          createServer(options, front(listener))) as typeof createServer,
      },
      (info) =>
        resolve(
          `http://${info.family === 'IPv6' ? `[${info.address}]` : info.address}:${info.port}`,
        ),
    ) as Server;
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new ListenError(
          error.code === 'EADDRINUSE'
            ? `Port ${config.PORT} on ${config.HOST} is in use; stop what holds it or set PORT.`
            : `Could not listen on ${config.HOST}:${config.PORT}: ${error.message}`,
          { cause: error },
        ),
      ),
    );
  });
  const listening = server as unknown as Server;
  answerClientErrorsInApiShape(listening);
  return {
    server: listening,
    url,
    /** Stops taking requests and lets the ones in flight finish. */
    close: () => new Promise<void>((resolve) => listening.close(() => resolve())),
  };
};
