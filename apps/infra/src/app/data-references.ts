import {
  type TableKey,
  tableDefinitions,
  tableNames,
} from '@sellout/adapter-aws/dynamodb/table-definitions';
import { Stack } from 'aws-cdk-lib';
import { type ITableV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Bucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { type DataStack, invoiceBucketName, resourcePrefix } from '../data/data-stack';
import type { EnvironmentSettings } from '../environments';

/**
 * The data stack's tables and invoice bucket as the app stack grants them: by their physical
 * names, so every policy names `table/sellout-prod-orders` (and its indexes) in plain text, and
 * a change to the app stack can never reach into the data stack. Only the stream ARNs, which
 * carry a creation label, come across from the data stack.
 */
export const referToData = (scope: Construct, data: DataStack, settings: EnvironmentSettings) => {
  const names = tableNames(resourcePrefix(settings));
  const tables = Object.fromEntries(
    (Object.keys(tableDefinitions) as TableKey[]).map((key) => {
      const definition = tableDefinitions[key];
      const table = TableV2.fromTableAttributes(scope, `Table-${key}`, {
        tableName: names[key],
        globalIndexes: definition.indexes.map((index) => index.name),
        ...(definition.stream ? { tableStreamArn: data.tables[key].tableStreamArn } : {}),
      });
      return [key, table];
    }),
  ) as Record<TableKey, ITableV2>;
  const invoices: IBucket = Bucket.fromBucketName(
    scope,
    'Invoices',
    invoiceBucketName(settings, Stack.of(scope)),
  );
  return {
    tables,
    invoices,
    ordersQueue: data.ordersQueue,
    ordersDeadLetterQueue: data.ordersDeadLetterQueue,
  };
};

export type DataReferences = ReturnType<typeof referToData>;
