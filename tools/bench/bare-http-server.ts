import { createServer } from 'node:http';

/**
 * The baseline of the checkout benchmark: the least an HTTP server on this machine can do per
 * request (read the body, answer a small JSON), in its own process like the real server.
 */
createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
    res.end('{"orderId":"o_bare","status":"PENDING"}');
  });
}).listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
