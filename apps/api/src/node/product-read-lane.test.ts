import { type IncomingHttpHeaders, request } from 'node:http';
import { connect } from 'node:net';
import { brotliDecompressSync } from 'node:zlib';
import type { Catalog } from '@sellout/core/catalog/catalog-port';
import { StoreUnavailableError } from '@sellout/core/shared/store-unavailable-error';
import { pino } from 'pino';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createApp } from '../app';
import { type Config, configSchema } from '../config';
import { openTestApp, type TestStore } from '../testing/test-app';
import { productReadLane } from './product-read-lane';
import { startShopServer } from './shop-server';

type LogLine = { msg: string; reqId?: string; path?: string; status?: number; aborted?: boolean };

const config: Config = { ...configSchema.parse({}), HOST: '127.0.0.1', PORT: 0 };

/**
 * The same shop served twice, as `npm start` serves it: once with the lane in front of the app
 * (which records what the lane passed on) and once without, each with its log lines kept.
 */
const twoServers = async (store: TestStore, catalog?: (real: Catalog) => Catalog) => {
  const t = await openTestApp({ store });
  const deps = { ...t.deps, catalog: catalog ? catalog(t.deps.catalog) : t.deps.catalog };
  const open = async (withLane: boolean) => {
    const lines: LogLine[] = [];
    const logger = pino(
      { level: 'info' },
      { write: (line: string) => lines.push(JSON.parse(line)) },
    );
    const passedOn: string[] = [];
    const shop = await startShopServer(
      createApp({ ...deps, logger }),
      config,
      pino({ level: 'silent' }),
      withLane
        ? (app) =>
            productReadLane(deps, logger, (incoming, outgoing) => {
              passedOn.push(`${incoming.method} ${incoming.url}`);
              app(incoming, outgoing);
            })
        : undefined,
    );
    onTestFinished(() => shop.close());
    return { url: new URL(shop.url), lines, passedOn };
  };
  return { t, lane: await open(true), plain: await open(false) };
};

type Answer = { status: number; headers: IncomingHttpHeaders; body: Buffer };

const ask = (
  url: URL,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
) =>
  new Promise<Answer>((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });

/** What must agree between the two servers: all but the clock's and the connection's headers. */
const comparable = ({ status, headers, body }: Answer) => {
  const {
    date,
    connection,
    'keep-alive': _keepAlive,
    'x-request-id': requestId,
    ...rest
  } = headers;
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  return {
    status,
    headers: rest,
    requestId: typeof requestId === 'string' && uuid.test(requestId) ? 'a random UUID' : requestId,
    body: body.toString(),
  };
};

const bothAnswer = async (
  servers: Awaited<ReturnType<typeof twoServers>>,
  path: string,
  options?: Parameters<typeof ask>[2],
) => {
  const fromLane = await ask(servers.lane.url, path, options);
  const fromApp = await ask(servers.plain.url, path, options);
  expect(comparable(fromLane)).toEqual(comparable(fromApp));
  return fromLane;
};

const requestLines = (lines: LogLine[]) =>
  lines
    .filter((line) => line.msg === 'request')
    .map(
      ({
        reqId: _reqId,
        ms: _ms,
        time: _time,
        pid: _pid,
        hostname: _host,
        ...rest
      }: LogLine & Record<string, unknown>) => rest,
    );

describe.each<TestStore>(['memory', 'sqlite'])('the product read lane (%s store)', (store) => {
  it('answers a product read itself, with the body, headers and log line the route gives', async () => {
    const servers = await twoServers(store);
    const { few } = servers.t.products;
    const answer = await bothAnswer(servers, `/api/products/${few.id}`);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body.toString())).toMatchObject({ id: few.id, stock: 3 });
    expect(answer.headers['cache-control']).toBe('no-cache');
    // A query changes nothing; the route ignores it.
    await bothAnswer(servers, `/api/products/${few.id}?utm_source=mail`);
    expect(servers.lane.passedOn).toEqual([]);
    expect(requestLines(servers.lane.lines)).toEqual(requestLines(servers.plain.lines));
    expect(requestLines(servers.lane.lines)).toEqual([
      { level: 30, msg: 'request', method: 'GET', path: `/api/products/${few.id}`, status: 200 },
      { level: 30, msg: 'request', method: 'GET', path: `/api/products/${few.id}`, status: 200 },
    ]);
  });

  it("carries the caller's request id when it is a plain token, and draws one otherwise", async () => {
    const servers = await twoServers(store);
    const path = `/api/products/${servers.t.products.plenty.id}`;
    const own = await bothAnswer(servers, path, { headers: { 'X-Request-Id': 'trace-42' } });
    expect(own.headers['x-request-id']).toBe('trace-42');
    const odd = await bothAnswer(servers, path, { headers: { 'X-Request-Id': 'not plain!' } });
    expect(odd.headers['x-request-id']).not.toBe('not plain!');
    expect(servers.lane.lines.find((line) => line.msg === 'request')?.reqId).toBe('trace-42');
    expect(servers.lane.passedOn).toEqual([]);
  });

  it('reads live stock: a restock shows in the very next read', async () => {
    const servers = await twoServers(store);
    const { few } = servers.t.products;
    await servers.t.deps.catalog.restock(few.id, 4);
    const answer = await bothAnswer(servers, `/api/products/${few.id}`);
    expect(JSON.parse(answer.body.toString()).stock).toBe(7);
  });

  it('passes on every other request, which the app answers as it would without the lane', async () => {
    const servers = await twoServers(store);
    const id = servers.t.products.plenty.id;
    const cases: [string, Parameters<typeof ask>[2], number][] = [
      ['/api/products/p_nothing_here', {}, 404],
      [`/api/products/${id}/`, {}, 404],
      [`/api/products/${encodeURIComponent(id).replace('p', '%70')}`, {}, 200],
      [`/api/products/${id}`, { method: 'HEAD' }, 200],
      [
        `/api/products/${id}`,
        { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' },
        404,
      ],
      [`/api/products/${id}`, { headers: { 'Content-Length': '2' }, body: '{}' }, 200],
      [`/api/products/${id}`, { headers: { Host: 'shop.example:bad' } }, 400],
      [`/api/products/${id}`, { headers: { Host: 'shop.example:99999' } }, 400],
      [`/api/products/${id}`, { headers: { Host: 'Shop.Example:80' } }, 200],
      ['/api/products', {}, 200],
    ];
    for (const [path, options, status] of cases) {
      expect((await bothAnswer(servers, path, options)).status).toBe(status);
    }
    expect(servers.lane.passedOn).toEqual(
      cases.map(([path, options]) => `${options?.method ?? 'GET'} ${path}`),
    );
    expect(requestLines(servers.lane.lines)).toEqual(requestLines(servers.plain.lines));
  });

  it('passes on a product whose answer is large enough to compress', async () => {
    const servers = await twoServers(store);
    const long = await servers.t.seed({ sku: 'T-LONG', description: 'Ünïcode words. '.repeat(80) });
    const answer = await bothAnswer(servers, `/api/products/${long.id}`, {
      headers: { 'Accept-Encoding': 'br' },
    });
    expect(answer.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(answer.body).toString()).id).toBe(long.id);
    expect(servers.lane.passedOn).toEqual([`GET /api/products/${long.id}`]);
  });
});

describe('the product read lane when something goes wrong', () => {
  it('passes on a read the store fails, which the app answers 503 with Retry-After', async () => {
    const servers = await twoServers('memory', (real) => ({
      ...real,
      get: () => Promise.reject(new StoreUnavailableError('busy')),
    }));
    const answer = await bothAnswer(servers, `/api/products/${servers.t.products.few.id}`);
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe('1');
    expect(servers.lane.passedOn).toHaveLength(1);
  });

  it('logs a client that hung up before its answer as 499, as the app does, and writes nothing', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const servers = await twoServers('memory', (real) => ({
      ...real,
      get: async (id) => {
        await held;
        return real.get(id);
      },
    }));
    const socket = connect(Number(servers.lane.url.port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `GET /api/products/${servers.t.products.few.id} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    for (let i = 0; i < 100 && !servers.lane.lines.some((l) => l.msg === 'request'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(requestLines(servers.lane.lines)).toEqual([
      {
        level: 30,
        msg: 'request',
        method: 'GET',
        path: `/api/products/${servers.t.products.few.id}`,
        status: 499,
        aborted: true,
      },
    ]);
  });
});
