import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a stand-in child tells its parent over the IPC channel. */
export type StandInMessage = { ready: { port: number } } | { failed: string };

/** What the parent tells a stand-in child: processes to end with it if the parent dies. */
export type ParentMessage = { alsoEnd: number[] };

/**
 * The life of a stand-in child of `npm run start:aws-local`: listen on 127.0.0.1 (a free port),
 * tell the parent the port, and end as soon as the parent is gone. A parent killed on its own
 * (kill -9 of its pid, not of its group) closes the IPC channel: the child then also ends the
 * processes the parent named (DynamoDB Local's Java, which cannot watch its parent itself), so
 * nothing of a dead shop keeps running. SIGINT is ignored: a Ctrl-C reaches the whole group,
 * and the parent stops its children in order once its pollers are done.
 */
export const serveUntilParentGoes = async (listen: () => Promise<Server>) => {
  const send = (message: StandInMessage) => process.send?.(message);
  if (!process.send) {
    console.error('This stand-in is started by npm run start:aws-local, over an IPC channel.');
    process.exit(2);
  }
  let alsoEnd: number[] = [];
  process.on('message', (message: ParentMessage) => {
    if (Array.isArray(message?.alsoEnd)) alsoEnd = message.alsoEnd.filter(Number.isInteger);
  });
  process.on('disconnect', () => {
    for (const pid of alsoEnd) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    process.exit(0);
  });
  process.on('SIGINT', () => {});
  try {
    const server = await listen();
    send({ ready: { port: (server.address() as AddressInfo).port } });
  } catch (error) {
    send({ failed: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
};
