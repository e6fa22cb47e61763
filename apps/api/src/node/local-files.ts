import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createFileBlobStore } from '@sellout/adapter-local/blobs/file-blob-store';
import { createInProcessLiveHub } from '@sellout/adapter-local/live/in-process-live-hub';
import { createFileMailer } from '@sellout/adapter-local/mail/file-mailer';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { loadLocalSecrets } from './local-secrets';

/**
 * What every single-machine runtime keeps under DATA_DIR whatever its store: the secrets,
 * invoices and mail as files, and the in-process hub that feeds the live socket.
 */
export const openLocalFiles = (config: Config, logger: Logger) => {
  const dataDir = resolve(config.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  return {
    dataDir,
    secrets: loadLocalSecrets(dataDir, {
      adminToken: config.ADMIN_TOKEN,
      sessionSecret: config.SESSION_SECRET,
    }),
    blobs: createFileBlobStore(dataDir),
    mailer: createFileMailer({ dir: join(dataDir, 'mail'), from: config.MAIL_FROM }),
    live: createInProcessLiveHub({
      onClientError: (error) => logger.warn({ err: error }, 'could not send a live update'),
    }),
  };
};
