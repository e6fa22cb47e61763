import { tableDefinitions } from '@sellout/adapter-aws/dynamodb/table-definitions';
import { bucketName } from '@sellout/adapter-aws/resource-definitions';
import { type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { AppStack } from '../app/app-stack';
import { TABLE_ACCESS } from '../app/table-access';
import { resourcePrefix } from '../data/data-stack';
import type { EnvironmentSettings, FunctionName } from '../environments';
import { BOOTSTRAP_QUALIFIER, type CiStack } from '../pipeline/ci-stack';

/*
 * Every cdk-nag AwsSolutions finding the app leaves, each with the sentence that justifies it,
 * acknowledged on the one construct it is about. Anything not acknowledged here fails the
 * synthesis and so the tests (nag.test.ts): a new finding is fixed or justified here.
 */

const justify = (scope: IConstruct, reason: string, ...rules: string[]) =>
  Validations.of(scope).acknowledge(
    ...rules.map((rule) => ({ id: `AwsSolutions-${rule}`, reason })),
  );

/** How cdk-nag prints a resource of this stack in a finding: `<LogicalId>`. */
const logicalId = (scope: IConstruct) =>
  `<${Stack.of(scope).getLogicalId(scope.node.defaultChild as CfnElement)}>`;

const INDEXES =
  "The function queries the table through its own global secondary indexes (as the shared table definitions name them); DynamoDB authorises an index by its ARN under the table, so the wildcard covers this one table's indexes and nothing else.";

const INVOICES =
  'The grant is limited to the invoice objects (invoices/*) of the one invoice bucket; GetObject* and the bucket reads are the S3 read set presigned invoice links need, Abort* lets an interrupted upload of an invoice be cleaned up.';

export const suppressJustifiedFindings = (
  app: AppStack,
  ci: CiStack,
  settings: EnvironmentSettings,
) => {
  const { region } = settings;
  const account = '<AWS::AccountId>';
  const prefix = resourcePrefix(settings);

  for (const [name, fn] of Object.entries(app.functions) as [
    FunctionName,
    (typeof app.functions)[FunctionName],
  ][]) {
    justify(
      fn,
      'X-Ray has no resource-level permissions: xray:PutTraceSegments and xray:PutTelemetryRecords are granted on "*" and are the only actions on "*" (tracing.test.ts checks it).',
      'IAM5[Resource::*]',
    );
    justify(
      fn,
      'The functions run on Node.js 22, the LTS line the shop is built and tested for (DESIGN §10); a newer runtime is one constant in compute/sellout-function.ts once CI runs the tests on it.',
      'L1',
    );
    const access = TABLE_ACCESS[name];
    const indexed = [...access.readWrite, ...access.read].filter(
      (key) => tableDefinitions[key].indexes.length > 0,
    );
    justify(
      fn,
      INDEXES,
      ...indexed.map(
        (key) =>
          `IAM5[Resource::arn:aws:dynamodb:${region}:${account}:table/${prefix}${key}/index/*]`,
      ),
    );
  }

  const invoiceObjects = `Resource::arn:aws:s3:::${bucketName(prefix)}-${account}-${region}/invoices/*`;
  const s3Read = [
    'IAM5[Action::s3:GetBucket*]',
    'IAM5[Action::s3:GetObject*]',
    'IAM5[Action::s3:List*]',
  ];
  justify(app.functions.http, INVOICES, ...s3Read, `IAM5[${invoiceObjects}]`);
  justify(
    app.functions.worker,
    INVOICES,
    ...s3Read,
    'IAM5[Action::s3:Abort*]',
    `IAM5[${invoiceObjects}]`,
  );

  const connections = `IAM5[Resource::arn:aws:execute-api:${region}:${account}:${logicalId(app.webSocketApi)}/live/*/@connections/*]`;
  for (const fn of [app.functions.stream, app.functions.sweeper]) {
    justify(
      fn,
      "A live message is posted to a WebSocket connection whose id exists only at run time; the ARN is limited to the POST of @connections on this API's live stage.",
      connections,
    );
  }

  justify(
    app.node.findChild('Secrets'),
    'The admin token is rotated by hand (docs/deploy.md: put a new value, redeploy); the guest-token key is never rotated on a schedule, since a new key signs every shopper out and drops their carts.',
    'SMG4',
  );
  const publicByDesign =
    'The shop authenticates inside the app (guest bearer tokens and the admin token, DESIGN §8): the catalog, the session endpoint and the live socket are public by design, and an API Gateway authorizer would only check the same tokens twice.';
  justify(app.httpApi, publicByDesign, 'APIG4');
  justify(app.webSocketApi, publicByDesign, 'APIG4');
  justify(
    app.node.findChild('StreamFailures'),
    'This queue is itself the failure destination of the stream event sources (what the relay gave up on, for an alarm and a look); nothing consumes it, so it needs no dead-letter queue of its own.',
    'SQS3',
  );

  const distribution = app.storefront.distribution;
  justify(distribution, 'The shop sells everywhere: no country is excluded.', 'CFR1');
  justify(
    distribution,
    "No WAF web ACL: abusive clients are limited per shopper and per address in the app (DESIGN §8 rate limits) and by the API stages' throttling; a CloudFront web ACL lives in us-east-1 and is a follow-up in docs/deploy.md.",
    'CFR2',
  );
  if (!settings.domain) {
    justify(
      distribution,
      'Without a custom domain the distribution serves the default *.cloudfront.net certificate, whose minimum protocol CloudFront does not let us set; with settings.domain it is TLSv1.2_2021.',
      'CFR4',
    );
  }

  const deployer = app.node.findChild(
    'Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C',
  );
  justify(
    deployer,
    "CDK's BucketDeployment custom resource runs only during a deploy: it copies the storefront build from the CDK assets bucket into the site bucket and invalidates index.html; its role, policy and runtime are the construct's own.",
    'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    'IAM5[Resource::*]',
    'IAM5[Action::s3:GetBucket*]',
    'IAM5[Action::s3:GetObject*]',
    'IAM5[Action::s3:List*]',
    'IAM5[Action::s3:Abort*]',
    'IAM5[Action::s3:DeleteObject*]',
    `IAM5[Resource::arn:aws:s3:::cdk-hnb659fds-assets-${account}-${region}/*]`,
    `IAM5[Resource::${logicalId(app.storefront.bucket).slice(0, -1)}.Arn>/*]`,
    'L1',
  );

  const release = app.node.findChild('Release');
  justify(
    release,
    "CodeDeploy shifts the live aliases with the AWS-managed AWSCodeDeployRoleForLambdaLimited role, which may update aliases and read alarms and has no access to the shop's data.",
    'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]',
  );

  justify(
    ci.deployRole,
    'The GitHub deploy role may only assume the CDK bootstrap roles of this account and region (deploy, file publishing, lookup), whose names differ by their middle part; those roles do the deploying.',
    `IAM5[Resource::arn:aws:iam::${account}:role/cdk-${BOOTSTRAP_QUALIFIER}-*-${account}-${region}]`,
  );
};
