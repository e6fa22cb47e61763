import { createInMemoryBlobStore, createRecordingMailer } from './in-memory-side-effects';
import { describeBlobStoreContract, describeMailerContract } from './side-effects.contract';

describeMailerContract('recording mailer', async () => {
  const mailer = createRecordingMailer();
  return { mailer, sentKeys: async () => [...mailer.sent.keys()] };
});
describeBlobStoreContract('in-memory', async () => createInMemoryBlobStore());
