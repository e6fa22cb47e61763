import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { serveUntilParentGoes } from './serve-until-parent-goes';

type StartSes = (config: { host: string; port: number }) => Promise<Server>;

// A CommonJS module whose default export is `exports.default`: required, not imported.
const { default: startSes } = createRequire(import.meta.url)('aws-ses-v2-local') as {
  default: StartSes;
};

/**
 * aws-ses-v2-local (SES v1 and v2, in memory; `GET /store` lists what was sent) as a child of
 * `npm run start:aws-local`, on 127.0.0.1 only.
 */
await serveUntilParentGoes(() => startSes({ host: '127.0.0.1', port: 0 }));
