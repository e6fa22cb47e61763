import type {
  IndexDefinition,
  KeyAttribute,
  TableDefinition,
} from '@sellout/adapter-aws/dynamodb/table-definitions';
import { RemovalPolicy } from 'aws-cdk-lib';
import {
  type Attribute,
  AttributeType,
  Billing,
  type GlobalSecondaryIndexPropsV2,
  ProjectionType,
  StreamViewType,
  TableEncryptionV2,
  type TablePropsV2,
} from 'aws-cdk-lib/aws-dynamodb';
import type { EnvironmentSettings, WarmThroughput } from '../environments';

const attribute = (key: KeyAttribute): Attribute => ({
  name: key.name,
  type: key.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER,
});

const index = (definition: IndexDefinition): GlobalSecondaryIndexPropsV2 => {
  const { projection } = definition;
  return {
    indexName: definition.name,
    partitionKey: attribute(definition.partitionKey),
    ...(definition.sortKey ? { sortKey: attribute(definition.sortKey) } : {}),
    projectionType: ProjectionType[projection.type],
    ...(projection.type === 'INCLUDE' ? { nonKeyAttributes: [...projection.attributes] } : {}),
  };
};

/**
 * A table of the shared definitions (packages/adapter-aws, the same records the local AWS mode
 * creates tables from) as `TableV2` props: keys, indexes, stream and TTL come from the
 * definition only; billing, recovery, protection and warm throughput from the environment.
 */
export const tableProps = (
  tableName: string,
  definition: TableDefinition,
  settings: EnvironmentSettings,
  warmThroughput: WarmThroughput | null = null,
): TablePropsV2 => {
  const { data } = settings;
  return {
    tableName,
    partitionKey: attribute(definition.partitionKey),
    ...(definition.sortKey ? { sortKey: attribute(definition.sortKey) } : {}),
    globalSecondaryIndexes: definition.indexes.map(index),
    ...(definition.stream ? { dynamoStream: StreamViewType[definition.stream] } : {}),
    ...(definition.timeToLiveAttribute
      ? { timeToLiveAttribute: definition.timeToLiveAttribute }
      : {}),
    billing: Billing.onDemand(
      data.maxWriteRequestUnits === null ? {} : { maxWriteRequestUnits: data.maxWriteRequestUnits },
    ),
    ...(warmThroughput ? { warmThroughput } : {}),
    encryption: TableEncryptionV2.awsManagedKey(),
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: data.pointInTimeRecovery },
    deletionProtection: data.deletionProtection,
    ...(data.contributorInsights ? { contributorInsightsSpecification: { enabled: true } } : {}),
    removalPolicy:
      settings.removalPolicy === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  };
};
