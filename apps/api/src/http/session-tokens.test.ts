import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInProcessLiveHub } from '@sellout/adapter-local/live/in-process-live-hub';
import { attachLiveSocket } from '@sellout/adapter-local/live/live-socket-server';
import { createSystemIds } from '@sellout/core/shared/system';
import { DAY_MS } from '@sellout/core/shared/time';
import { createFakeClock } from '@sellout/core/testing/fake-system';
import { describe, expect, it, onTestFinished } from 'vitest';
import WebSocket from 'ws';
import { createSessionTokens } from './session-tokens';

const SECRET = 'a-session-secret-long-enough-for-tests-0123456789';
const TTL = 90 * DAY_MS;

const setup = () => {
  const clock = createFakeClock('2026-06-01T12:00:00.000Z');
  return { clock, tokens: createSessionTokens({ secret: SECRET, clock, ttlMs: TTL }) };
};

/** A token as the code before issue times signed it: `v1.<userId>.<HMAC of "v1.<userId>">`. */
const legacyToken = (userId: string) =>
  `v1.${userId}.${createHmac('sha256', SECRET).update(`v1.${userId}`).digest('base64url')}`;

describe('session tokens', () => {
  it('carry their issue time, and are refused as expired SESSION_TTL_DAYS later', () => {
    const { clock, tokens } = setup();
    const token = tokens.issue('u_ana');
    expect(token).toMatch(/^v2\.u_ana\.\d+\.[A-Za-z0-9_-]{43}$/);
    expect(token.split('.')[2]).toBe(String(Date.parse('2026-06-01T12:00:00.000Z') / 1000));
    clock.advance(TTL - 1);
    expect(tokens.check(token)).toEqual({ kind: 'valid', userId: 'u_ana' });
    clock.advance(1);
    expect(tokens.check(token)).toEqual({ kind: 'expired' });
  });

  it('are checked by the signature alone on a server that did not issue them', () => {
    const { clock, tokens } = setup();
    const token = tokens.issue('u_ana');
    const elsewhere = createSessionTokens({ secret: SECRET, clock, ttlMs: TTL });
    const otherSecret = createSessionTokens({ secret: `${SECRET}-other`, clock, ttlMs: TTL });
    expect(elsewhere.check(token)).toEqual({ kind: 'valid', userId: 'u_ana' });
    expect(otherSecret.check(token)).toEqual({ kind: 'invalid' });
    clock.advance(TTL);
    expect(elsewhere.check(token)).toEqual({ kind: 'expired' });
  });

  it('cannot be made younger: the issue time is signed with the id', () => {
    const { clock, tokens } = setup();
    const [version, userId, issuedAt, signature] = tokens.issue('u_ana').split('.');
    clock.advance(TTL);
    const later = `${version}.${userId}.${Number(issuedAt) + DAY_MS / 1000}.${signature}`;
    expect(tokens.check(later)).toEqual({ kind: 'invalid' });
  });

  it("date a token of the old format by its shopper's id, made when it was issued", () => {
    const { clock, tokens } = setup();
    const userId = createSystemIds(clock).newId('u');
    const token = legacyToken(userId);
    clock.advance(TTL - 1);
    expect(tokens.check(token)).toEqual({ kind: 'valid', userId });
    clock.advance(1);
    expect(tokens.check(token)).toEqual({ kind: 'expired' });
  });

  it('refuse an old-format token that cannot be dated as expired, and forged ones as invalid', () => {
    const { tokens } = setup();
    expect(tokens.check(legacyToken('u_0000000001'))).toEqual({ kind: 'expired' });
    const userId = createSystemIds().newId('u');
    expect(tokens.check(`${legacyToken(userId)}x`)).toEqual({ kind: 'invalid' });
    expect(tokens.check(`v1.${userId}.${tokens.issue(userId).split('.')[3]}`)).toEqual({
      kind: 'invalid',
    });
  });

  it('close the live socket to an expired token, as to a forged one', async () => {
    const { clock, tokens } = setup();
    const server = createServer((_req, res) => res.end());
    const hub = createInProcessLiveHub();
    const live = attachLiveSocket(server, { hub, verifyToken: tokens.check });
    onTestFinished(async () => {
      await live.close();
      hub.stop();
      await new Promise((resolve) => server.close(resolve));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api/live`;
    const statusOf = (token: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`${url}?token=${encodeURIComponent(token)}`);
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => {
          ws.close();
          resolve(101);
        });
        ws.on('error', () => undefined);
      });
    const token = tokens.issue('u_ana');
    expect(await statusOf(token)).toBe(101);
    clock.advance(TTL);
    expect(await statusOf(token)).toBe(401);
  });
});
