import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * A client that stopped sending in the middle of a request (closed its side, or reset the
 * connection) went away: it gets no answer, and the app logs the request as aborted.
 */
const HUNG_UP = new Set(['HPE_INVALID_EOF_STATE', 'ECONNRESET']);

/**
 * Requests Node's HTTP parser rejects before the app sees them (a malformed request line,
 * headers over the size limit) get an answer in the API's error shape instead of Node's bare
 * one, and the connection is closed.
 */
export const answerClientErrorsInApiShape = (server: Server) => {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || HUNG_UP.has(error.code ?? '')) return socket.destroy();
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const body = JSON.stringify({
      error: {
        code: 'VALIDATION_FAILED',
        message: tooLarge
          ? 'The request headers or URL are too large.'
          : 'The request is not valid HTTP.',
        details: { issues: [{ path: '', message: error.code ?? 'invalid request' }] },
      },
    });
    socket.end(
      `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
};
