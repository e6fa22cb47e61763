import {
  BucketAlreadyOwnedByYou,
  CreateBucketCommand,
  PutPublicAccessBlockCommand,
  type S3Client,
} from '@aws-sdk/client-s3';

/**
 * Creates the invoice bucket if it is missing and blocks public access to it. For stand-ins
 * and development; the deployed bucket (with its lifecycle and encryption) comes from the CDK.
 * A stand-in that does not know public access blocks (fauxqs) has no public access anyway.
 */
export const ensureBucket = async (client: S3Client, name: string) => {
  try {
    await client.send(new CreateBucketCommand({ Bucket: name }));
  } catch (error) {
    if (!(error instanceof BucketAlreadyOwnedByYou)) throw error;
  }
  try {
    await client.send(
      new PutPublicAccessBlockCommand({
        Bucket: name,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: true,
        },
      }),
    );
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== 501)
      throw error;
  }
};
