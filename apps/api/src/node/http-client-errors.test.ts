import { createServer } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { answerClientErrorsInApiShape } from './http-client-errors';

describe("requests Node's HTTP parser rejects", () => {
  const server = createServer((_req, res) => res.end('ok'));
  answerClientErrorsInApiShape(server);
  const listening = new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const send = async (request: string) => {
    const port = await listening;
    return new Promise<string>((resolve) => {
      let answer = '';
      const socket = connect(port, '127.0.0.1', () => socket.write(request));
      socket.on('data', (chunk) => {
        answer += chunk;
      });
      socket.on('close', () => resolve(answer));
    });
  };
  const bodyOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));

  it('answers a malformed request line with 400 in the error shape', async () => {
    const answer = await send('GET /api/products HTTP/9.x\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(bodyOf(answer)).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: '' }] } },
    });
  });

  it('answers oversized headers with 431 in the error shape', async () => {
    const answer = await send(
      `GET /api/products?x=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(bodyOf(answer).error.message).toBe('The request headers or URL are too large.');
  });
});
