import type { TestProject } from 'vitest/node';
import { type DynamoDbLocal, findJava, startDynamoDbLocal } from '../dynamodb/dynamodb-local';
import './dynamodb-local-context';

/*
 * One DynamoDB Local per `vitest run`, shared by every project that lists this file as its
 * globalSetup (adapter-aws, api): vitest runs all global setups in its main process, so the
 * instance is kept on globalThis, counted, and stopped when the last project tears down.
 */

type Shared = { users: number; local: Promise<DynamoDbLocal | null> };

const KEY = Symbol.for('sellout.dynamodb-local');
const registry = globalThis as { [KEY]?: Shared };

const banner = (lines: string[]) => {
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  const rule = '!'.repeat(width);
  console.warn(['', rule, ...lines.map((l) => `! ${l.padEnd(width - 4)} !`), rule, ''].join('\n'));
};

const start = async (): Promise<DynamoDbLocal | null> => {
  const java = findJava();
  if (!java.ok) {
    const lines = [
      `DynamoDB Local cannot start: ${java.reason}.`,
      'The DynamoDB contract and API tests need Java 17+ (apt-get install openjdk-17-jre-headless).',
    ];
    if (process.env.CI === 'true') {
      throw new Error(`${lines.join(' ')} Under CI=true this fails the run.`);
    }
    banner([...lines, 'SKIPPING every DynamoDB test in this run.']);
    return null;
  }
  return startDynamoDbLocal();
};

export const setup = async (project: TestProject) => {
  registry[KEY] ??= { users: 0, local: start() };
  const shared = registry[KEY];
  shared.users += 1;
  const local = await shared.local;
  project.provide('dynamodbEndpoint', local?.endpoint ?? null);
};

export const teardown = async () => {
  const shared = registry[KEY];
  if (!shared) return;
  shared.users -= 1;
  if (shared.users > 0) return;
  delete registry[KEY];
  await (await shared.local.catch(() => null))?.stop();
};
