import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi } from '../../test/fake-api';
import { createFakeSockets } from '../../test/fake-socket';
import { renderApp } from '../../test/render-app';

describe('the live connection', () => {
  it('opens once, with the guest token, on a first visit (no socket opened and dropped)', async () => {
    const sockets = createFakeSockets();
    const fake = createFakeApi();
    renderApp('/', { api: fake, createSocket: sockets.create });
    await screen.findByRole('link', { name: 'Cart, 0 items' });
    await waitFor(() => expect(sockets.sockets).toHaveLength(1));
    sockets.latest().open();

    expect(fake.calls('POST', '/api/session')).toHaveLength(1);
    expect(sockets.sockets.map((socket) => new URL(socket.url).searchParams.get('token'))).toEqual([
      'token-1',
    ]);
    // Nothing later replaces it: the session it was opened with is the one the shop uses.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sockets.sockets).toHaveLength(1);
  });
});
