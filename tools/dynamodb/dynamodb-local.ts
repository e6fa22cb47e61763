import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startDynamoDbLocal } from '@sellout/adapter-aws/dynamodb/dynamodb-local';

/**
 * `npm run dynamodb-local`: DynamoDB Local (Java 17+) on port 8000 (DYNAMODB_PORT), its tables
 * kept under DATA_DIR/dynamodb, for `STORE=dynamodb DYNAMODB_ENDPOINT=… npm start` in another
 * terminal. Ctrl-C stops it.
 */
const port = Number(process.env.DYNAMODB_PORT ?? 8000);
const dataDir = join(resolve(process.env.DATA_DIR ?? './var'), 'dynamodb');
mkdirSync(dataDir, { recursive: true });
const local = await startDynamoDbLocal({ port, dataDir });
console.log(
  `\n  DynamoDB Local is answering at ${local.endpoint} (tables in ${dataDir})\n` +
    `  In another terminal: STORE=dynamodb DYNAMODB_ENDPOINT=${local.endpoint} npm start\n`,
);
const stop = () => void local.stop().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
