import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createFileBlobStore } from '@sellout/adapter-local/blobs/file-blob-store';
import { createFileThread } from '@sellout/adapter-local/files/file-thread';
import {
  makePrivateDir,
  PRIVATE_DIR_MODE,
  sweepStaleTemporaryFiles,
} from '@sellout/adapter-local/files/private-files';
import { createInProcessLiveHub } from '@sellout/adapter-local/live/in-process-live-hub';
import { createFileMailer } from '@sellout/adapter-local/mail/file-mailer';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { loadLocalSecrets } from './local-secrets';

/**
 * What every single-machine runtime keeps under DATA_DIR whatever its store: the secrets,
 * invoices and mail as files (written by a thread of their own, off the event loop; `files.close`
 * ends it), and the in-process hub that feeds the live socket.
 */
export const openLocalFiles = (config: Config, logger: Logger) => {
  const dataDir = resolve(config.DATA_DIR);
  // A DATA_DIR the shop creates is the owner's only; one that exists is the operator's choice.
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  // Files being written (mail, invoices) wait here, outside the folders anyone reads, and the
  // leftovers of a process killed mid-write are cleared on start.
  const tempDir = join(dataDir, 'tmp');
  makePrivateDir(tempDir);
  // Narrowed at every start: an older version created them world-readable.
  for (const dir of ['mail', 'invoices']) makePrivateDir(join(dataDir, dir));
  const staleTemporaryFiles = sweepStaleTemporaryFiles(tempDir);
  if (staleTemporaryFiles > 0) logger.info({ staleTemporaryFiles }, 'removed unfinished writes');
  const files = createFileThread();
  return {
    dataDir,
    secrets: loadLocalSecrets(dataDir, {
      adminToken: config.ADMIN_TOKEN,
      sessionSecret: config.SESSION_SECRET,
    }),
    files,
    blobs: createFileBlobStore({ root: dataDir, tempDir, files }),
    mailer: createFileMailer({
      dir: join(dataDir, 'mail'),
      tempDir,
      from: config.MAIL_FROM,
      files,
    }),
    live: createInProcessLiveHub({
      onClientError: (error) => logger.warn({ err: error }, 'could not send a live update'),
    }),
  };
};
