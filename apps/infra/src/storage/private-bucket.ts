import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type BucketProps,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { EnvironmentSettings } from '../environments';

const removal = (settings: EnvironmentSettings) =>
  settings.removalPolicy === 'retain'
    ? { removalPolicy: RemovalPolicy.RETAIN }
    : // Dev buckets go with `cdk destroy`: a custom resource empties them first.
      { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true };

/**
 * Where S3 server access logs and CloudFront logs of one stack go. CloudFront's standard logs
 * are written with ACLs, so this bucket (and only this one) keeps them enabled for its owner.
 */
export const createLogsBucket = (scope: Construct, settings: EnvironmentSettings) =>
  new Bucket(scope, 'AccessLogs', {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
    lifecycleRules: [{ expiration: Duration.days(Math.max(settings.logRetentionDays, 30)) }],
    ...removal(settings),
  });

/** No public access, encrypted at rest, TLS only, its access logged; owner-enforced objects. */
export const createPrivateBucket = (
  scope: Construct,
  id: string,
  settings: EnvironmentSettings,
  logs: Bucket,
  props: Omit<BucketProps, 'blockPublicAccess' | 'encryption' | 'enforceSSL'> = {},
) =>
  new Bucket(scope, id, {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    serverAccessLogsBucket: logs,
    serverAccessLogsPrefix: `${id.toLowerCase()}/`,
    ...removal(settings),
    ...props,
  });
