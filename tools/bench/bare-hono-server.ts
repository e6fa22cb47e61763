import { serve } from '@hono/node-server';
import { Hono } from 'hono';

/**
 * The benchmark's denominators: the least a server built like the shop (the same `hono` and
 * `@hono/node-server`, its own process, the same core) can do per request. GET answers a small
 * JSON; POST parses a JSON body and echoes it, which is what every shop write does before its
 * own work starts.
 */
const app = new Hono();
app.get('/api/health', (c) => c.json({ status: 'ok' }));
app.get('/bare', (c) => c.json({ id: 'p_bare', name: 'Bare', stock: 1 }));
app.post('/bare', async (c) => c.json(await c.req.json(), 201));

serve({
  fetch: app.fetch,
  hostname: process.env.HOST ?? '127.0.0.1',
  port: Number(process.env.PORT),
});
