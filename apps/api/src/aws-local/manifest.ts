import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_FILE_MODE } from '@sellout/adapter-local/files/private-files';
import type { LocalResources } from './create-local-resources';

export const MANIFEST_FILE = 'aws-local.json';

/**
 * `DATA_DIR/aws-local.json` exactly as DESIGN §11 shows it: where each stand-in answers and
 * what every resource is called, for developers and for checks outside the repository that
 * drive the shop with the AWS SDK or CLI. The key set and order are a contract: nothing more.
 */
export type AwsLocalManifest = {
  dynamodb: string;
  sqs: string;
  s3: string;
  ses: string;
  region: string;
  tablePrefix: string;
  tables: Record<string, string>;
  queueUrl: string;
  deadLetterQueueUrl: string;
  invoiceBucket: string;
};

export const manifestOf = (options: {
  endpoints: { dynamodb: string; sqsAndS3: string; ses: string };
  region: string;
  tablePrefix: string;
  resources: LocalResources;
}): AwsLocalManifest => ({
  dynamodb: options.endpoints.dynamodb,
  sqs: options.endpoints.sqsAndS3,
  s3: options.endpoints.sqsAndS3,
  ses: options.endpoints.ses,
  region: options.region,
  tablePrefix: options.tablePrefix,
  tables: { ...options.resources.tables },
  queueUrl: options.resources.queues.orders.url,
  deadLetterQueueUrl: options.resources.queues.ordersDeadLetter.url,
  invoiceBucket: options.resources.bucket,
});

/**
 * Writes the manifest whole (a temporary file renamed into place, so a reader never sees half
 * of it); `remove` takes it away again on a clean stop, when its endpoints stop answering.
 */
export const writeManifest = (dataDir: string, manifest: AwsLocalManifest) => {
  const file = join(dataDir, MANIFEST_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(manifest, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
  renameSync(temporary, file);
  return { file, remove: () => rmSync(file, { force: true }) };
};
