import type { LiveSocket } from '../features/live/live-client';

/** A WebSocket the test drives: it opens, receives and closes when the test says so. */
export class FakeSocket implements LiveSocket {
  readonly sent: unknown[] = [];
  closedByClient = false;
  onopen: LiveSocket['onopen'] = null;
  onmessage: LiveSocket['onmessage'] = null;
  onclose: LiveSocket['onclose'] = null;
  onerror: LiveSocket['onerror'] = null;

  constructor(readonly url: string) {}

  send(data: string) {
    this.sent.push(JSON.parse(data));
  }

  close() {
    this.closedByClient = true;
  }

  open() {
    this.onopen?.({});
  }

  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }

  /** The server (or the network) ends the connection. */
  drop() {
    this.onerror?.({});
    this.onclose?.({});
  }
}

export const createFakeSockets = () => {
  const sockets: FakeSocket[] = [];
  return {
    sockets,
    create: (url: string) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    latest: () => {
      const socket = sockets.at(-1);
      if (!socket) throw new Error('no socket was created');
      return socket;
    },
  };
};
