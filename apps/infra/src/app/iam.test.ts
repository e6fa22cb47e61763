import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_NAMES, type FunctionName } from '../environments';
import { appTemplate, dataTemplate, ENVIRONMENTS, synthesizeAll } from '../testing/synthesized';
import { TABLE_ACCESS } from './table-access';

type Statement = {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
};

const asList = <T>(value: T | T[]) => (Array.isArray(value) ? value : [value]);

/** The statements of each function's role, by function. */
const statementsOf = (env: (typeof ENVIRONMENTS)[number]) => {
  const policies = appTemplate(env).findResources('AWS::IAM::Policy');
  return Object.fromEntries(
    FUNCTION_NAMES.map((name) => {
      const policy = Object.entries(policies).find(([id]) => id.startsWith(`Fn${name}Role`));
      if (!policy) throw new Error(`no policy for ${name}`);
      return [name, policy[1].Properties.PolicyDocument.Statement as Statement[]];
    }),
  ) as Record<FunctionName, Statement[]>;
};

const tablesIn = (statement: Statement, env: string) =>
  [
    ...JSON.stringify(statement.Resource).matchAll(
      new RegExp(`:table/sellout-${env}-([a-z]+)"`, 'g'),
    ),
  ].map((m) => m[1]);

describe('least privilege', () => {
  beforeAll(() => synthesizeAll());

  it('grants no wildcard action, and "*" as a resource to X-Ray only', () => {
    for (const env of ENVIRONMENTS) {
      for (const [name, statements] of Object.entries(statementsOf(env))) {
        for (const statement of statements) {
          expect(statement.Effect).toBe('Allow');
          for (const action of asList(statement.Action)) {
            expect(action, name).not.toMatch(/^\*$|:\*$/);
          }
          if (asList(statement.Resource).includes('*')) {
            expect(asList(statement.Action).sort(), name).toEqual([
              'xray:PutTelemetryRecords',
              'xray:PutTraceSegments',
            ]);
          }
        }
      }
    }
  });

  it('names every table a function may touch, and only those its work needs', () => {
    for (const env of ENVIRONMENTS) {
      for (const [name, statements] of Object.entries(statementsOf(env)) as [
        FunctionName,
        Statement[],
      ][]) {
        const data = statements.filter((s) =>
          asList(s.Action).some(
            (a) =>
              a.startsWith('dynamodb:') &&
              a !== 'dynamodb:DescribeStream' &&
              a !== 'dynamodb:ListStreams',
          ),
        );
        const writes = data.filter((s) => asList(s.Action).includes('dynamodb:PutItem'));
        const reads = data.filter((s) => !asList(s.Action).includes('dynamodb:PutItem'));
        const access = TABLE_ACCESS[name];
        expect(new Set(writes.flatMap((s) => tablesIn(s, env))), `${name} writes`).toEqual(
          new Set(access.readWrite),
        );
        expect(new Set(reads.flatMap((s) => tablesIn(s, env))), `${name} reads`).toEqual(
          new Set(access.read),
        );
        for (const s of data) expect(JSON.stringify(s.Resource)).not.toContain('"*"');
      }
    }
  });

  it('lets only the worker send mail and write invoices, only under invoices/', () => {
    const statements = statementsOf('prod');
    const withAction = (name: FunctionName, prefix: string) =>
      statements[name].filter((s) => asList(s.Action).some((a) => a.startsWith(prefix)));
    for (const name of FUNCTION_NAMES) {
      expect(withAction(name, 'ses:').length > 0, name).toBe(name === 'worker');
      const puts = statements[name].filter((s) => asList(s.Action).includes('s3:PutObject'));
      expect(puts.length > 0, name).toBe(name === 'worker');
    }
    const bucket = '"arn:aws:s3:::sellout-prod-invoices-",{"Ref":"AWS::AccountId"},"-eu-west-1';
    for (const name of ['http', 'worker'] as const) {
      for (const statement of withAction(name, 's3:')) {
        const resources = asList(statement.Resource).map((r) => JSON.stringify(r));
        // The bucket itself (for its listing), else only the invoice objects.
        for (const resource of resources) expect(resource).toContain(bucket);
        const objectActions = asList(statement.Action).filter((a) => a.includes('Object'));
        if (objectActions.length > 0) {
          expect(resources.some((r) => r.endsWith('-eu-west-1/invoices/*"]]}'))).toBe(true);
        }
        if (asList(statement.Action).includes('s3:PutObject')) {
          expect(resources.every((r) => r.endsWith('/invoices/*"]]}'))).toBe(true);
        }
      }
    }
    expect(JSON.stringify(withAction('worker', 'ses:')[0]!.Resource)).toContain(':identity/');
  });

  it('lets the relay and the sweeper post to WebSocket connections of the live stage only', () => {
    const statements = statementsOf('prod');
    for (const name of FUNCTION_NAMES) {
      const manage = statements[name].filter((s) =>
        asList(s.Action).includes('execute-api:ManageConnections'),
      );
      expect(manage.length > 0, name).toBe(name === 'stream' || name === 'sweeper');
      for (const s of manage)
        expect(JSON.stringify(s.Resource)).toContain('/live/*/@connections/*');
    }
  });

  it('blocks public access to every bucket and refuses plain HTTP to each', () => {
    for (const env of ENVIRONMENTS) {
      for (const template of [dataTemplate(env), appTemplate(env)]) {
        const buckets = template.findResources('AWS::S3::Bucket');
        const policies = Object.values(template.findResources('AWS::S3::BucketPolicy'));
        for (const [id, bucket] of Object.entries(buckets)) {
          expect(bucket.Properties.PublicAccessBlockConfiguration, id).toEqual({
            BlockPublicAcls: true,
            BlockPublicPolicy: true,
            IgnorePublicAcls: true,
            RestrictPublicBuckets: true,
          });
          expect(bucket.Properties.BucketEncryption, id).toBeDefined();
          const policy = policies.find(
            (p) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: id }),
          );
          expect(policy?.Properties.PolicyDocument.Statement, id).toContainEqual(
            expect.objectContaining({
              Effect: 'Deny',
              Action: 's3:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          );
        }
      }
    }
  });

  it('lets only CloudFront (its own distribution) read the storefront bucket', () => {
    appTemplate('prod').hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: Match.stringLikeRegexp('^StorefrontSite') },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Action: 's3:GetObject',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it('encrypts queues, the alarm topic and its key at rest, and refuses plain HTTP to them', () => {
    for (const env of ENVIRONMENTS) {
      for (const template of [dataTemplate(env), appTemplate(env)]) {
        for (const queue of Object.values(template.findResources('AWS::SQS::Queue'))) {
          expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
        }
        for (const policy of Object.values(template.findResources('AWS::SQS::QueuePolicy'))) {
          expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain(
            '"aws:SecureTransport":"false"',
          );
        }
      }
      appTemplate(env).hasResourceProperties('AWS::SNS::Topic', {
        KmsMasterKeyId: Match.anyValue(),
      });
      appTemplate(env).hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    }
  });
});
