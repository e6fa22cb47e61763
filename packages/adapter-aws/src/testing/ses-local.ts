import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import startSesLocal from 'aws-ses-v2-local';
import { LOCAL_CREDENTIALS } from '../aws-client-options';
import { LOCAL_REGION } from '../dynamodb/dynamodb-local';

/** One email as aws-ses-v2-local keeps it (GET /store), parsed from the raw MIME it was sent. */
export type StoredEmail = {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  attachments: { filename?: string; contentType: string; content: string }[];
};

/**
 * aws-ses-v2-local (an SES v2 endpoint that keeps what it is sent) inside the test process, on
 * a free port. Its store is one per process: read it through `sent()`, which only lists what
 * this instance's tests sent if each test file starts its own.
 */
export const startLocalSes = async () => {
  // A CommonJS module compiled from TypeScript: its default export sits one level down.
  const start = ((startSesLocal as unknown as { default?: typeof startSesLocal }).default ??
    startSesLocal) as typeof startSesLocal;
  const server: Server = await start({ host: '127.0.0.1', port: 0 });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    clientOptions: { region: LOCAL_REGION, endpoint, credentials: LOCAL_CREDENTIALS },
    async sent(): Promise<StoredEmail[]> {
      const response = await fetch(`${endpoint}/store`);
      return ((await response.json()) as { emails: StoredEmail[] }).emails;
    },
    stop: () =>
      new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      ),
  };
};
