import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appTemplate, assetFolder, synthesizeAll } from '../testing/synthesized';

/** The HTTP function's bundle, as CDK staged it for upload. */
const httpBundle = () => {
  const functions = Object.values(appTemplate('prod').findResources('AWS::Lambda::Function')) as {
    Properties: { FunctionName: string; Code: { S3Key: string } };
  }[];
  const http = functions.find((fn) => fn.Properties.FunctionName === 'sellout-prod-http');
  if (!http) throw new Error('no HTTP function in prod');
  return assetFolder(http.Properties.Code.S3Key);
};

/** Invokes the bundle's handler in a fresh Node process, as Lambda would, for GET `paths`. */
const invoke = (bundle: string, paths: string[]) => {
  const script = `
    const { handler } = await import(${JSON.stringify(join(bundle, 'index.mjs'))});
    const answers = [];
    for (const path of ${JSON.stringify(paths)}) {
      const http = { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 't' };
      const event = { version: '2.0', routeKey: '$default', rawPath: path, rawQueryString: '',
        headers: { host: 'shop.example' }, isBase64Encoded: false,
        requestContext: { http, requestId: 'r', routeKey: '$default', stage: '$default',
          timeEpoch: Date.now(), domainName: 'shop.example', accountId: '1', apiId: 'a',
          domainPrefix: 'shop', time: '' } };
      const answer = await handler(event, {});
      answers.push({ path, status: answer.statusCode, type: answer.headers['content-type'],
        length: (answer.body ?? '').length });
    }
    console.log(JSON.stringify(answers));`;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      STORE: 'dynamodb',
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'not-used',
      AWS_SECRET_ACCESS_KEY: 'not-used',
      TABLE_PREFIX: 'sellout-prod-',
      QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/sellout-prod-orders',
      INVOICE_BUCKET: 'sellout-prod-invoices',
      MAIL_TRANSPORT: 'ses',
      ADMIN_TOKEN: 'A'.repeat(48),
      SESSION_SECRET: 'S'.repeat(64),
      LOG_LEVEL: 'silent',
    },
  });
  return JSON.parse(output.trim().split('\n').at(-1)!) as {
    path: string;
    status: number;
    type: string;
    length: number;
  }[];
};

describe('the HTTP function bundle', () => {
  beforeAll(() => synthesizeAll());

  it('carries the API reference and serves GET /api/docs with its files', () => {
    const bundle = httpBundle();
    expect(existsSync(join(bundle, 'docs', 'api-docs.html'))).toBe(true);
    expect(existsSync(join(bundle, 'node_modules/swagger-ui-dist/swagger-ui-bundle.js'))).toBe(
      true,
    );
    const answers = invoke(bundle, [
      '/api/docs',
      '/api/docs/swagger-ui-bundle.js',
      '/api/docs/swagger-ui.css',
      '/api/docs/api-docs.js',
    ]);
    for (const answer of answers) {
      expect(answer.status, answer.path).toBe(200);
      expect(answer.length, answer.path).toBeGreaterThan(100);
    }
    expect(answers[0]!.type).toMatch(/^text\/html/);
    expect(answers[1]!.type).toMatch(/^text\/javascript/);
    expect(answers[2]!.type).toMatch(/^text\/css/);
  });
});
