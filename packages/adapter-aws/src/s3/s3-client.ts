import { S3Client } from '@aws-sdk/client-s3';
import { type AwsClientOptions, clientConfig } from '../aws-client-options';

/**
 * The one way Sellout builds an S3 client. A stand-in (fauxqs) is addressed path-style
 * (`http://127.0.0.1:4566/<bucket>/<key>`): virtual-hosted names would need DNS for
 * `<bucket>.127.0.0.1`, which nothing provides.
 */
export const createS3Client = (options: AwsClientOptions): S3Client =>
  new S3Client({ ...clientConfig(options), forcePathStyle: options.endpoint !== undefined });
