import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { withoutDynamoDb } from '@sellout/adapter-aws/testing/dynamodb-test-tables';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Context } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { type AwsStandIns, startAwsStandIns } from '../testing/aws-stand-ins';
import { eventFixture } from '../testing/event-fixtures';
import { createHttpHandler, lambdaClientAddress } from './http-handler';
import { loadLambdaConfig } from './lambda-config';

describe.skipIf(withoutDynamoDb)('main-lambda-http: API Gateway HTTP API v2 events', async () => {
  const aws: AwsStandIns = await startAwsStandIns();
  afterAll(() => aws.stop());
  const runtime = aws.runtimeFor('http');
  const config = loadLambdaConfig(aws.env, 'http');
  const handler = createHttpHandler({
    ...runtime.parts,
    secrets: { adminToken: config.ADMIN_TOKEN!, sessionSecret: config.SESSION_SECRET! },
  });
  const product = await aws.seed({ sku: 'T-HTTP', stock: 5 });
  const token = aws.tokenFor('u_lambdahttp');
  const json = (body: string | undefined) => JSON.parse(body ?? 'null');

  it('answers a product list as the Node server does', async () => {
    const result = await handler(eventFixture<APIGatewayProxyEventV2>('http-list-products.json'));
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toMatch(/^application\/json/);
    expect(result.headers?.['x-request-id']).toBeTruthy();
    expect(result.isBase64Encoded).toBe(false);
    const body = json(result.body);
    expect(body.items.map((p: { id: string }) => p.id)).toContain(product.id);
    expect(body.items[0]).toMatchObject({ sku: 'T-HTTP', stock: 5, currency: 'USD' });
  });

  it('takes a checkout: 201, the order committed in DynamoDB, and no message sent by the request', async () => {
    const result = await handler(
      eventFixture<APIGatewayProxyEventV2>('http-checkout.json', {
        PRODUCT_ID: product.id,
        TOKEN: token,
      }),
    );
    expect(result.statusCode).toBe(201);
    const body = json(result.body);
    expect(body).toMatchObject({ status: 'PENDING', order: { email: 'ana@example.com' } });
    expect((await runtime.store.orders.get(body.orderId))?.lines).toEqual([
      expect.objectContaining({ productId: product.id, quantity: 2 }),
    ]);
    expect((await runtime.store.catalog.get(product.id))?.stock).toBe(3);
    // The order's message comes from the orders stream (the relay), never from the request.
    const queued = await aws.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: aws.queues.orders, WaitTimeSeconds: 0 }),
    );
    expect(queued.Messages ?? []).toEqual([]);
    // The same Idempotency-Key again: the original answer, replayed.
    const again = await handler(
      eventFixture<APIGatewayProxyEventV2>('http-checkout.json', {
        PRODUCT_ID: product.id,
        TOKEN: token,
      }),
    );
    expect(again.statusCode).toBe(201);
    expect(again.headers?.['idempotent-replayed']).toBe('true');
    expect(json(again.body).orderId).toBe(body.orderId);
  });

  it('answers a malformed (base64-encoded) body with 400 VALIDATION_FAILED, changing nothing', async () => {
    const before = await runtime.store.catalog.get(product.id);
    const result = await handler(
      eventFixture<APIGatewayProxyEventV2>('http-checkout-malformed.json', { TOKEN: token }),
    );
    expect(result.statusCode).toBe(400);
    expect(json(result.body).error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: [{ path: '', message: 'the body is not valid JSON' }] },
    });
    expect(await runtime.store.catalog.get(product.id)).toEqual(before);
  });

  it('answers an unknown product with 404 NOT_FOUND in the error shape', async () => {
    const result = await handler(eventFixture<APIGatewayProxyEventV2>('http-unknown-product.json'));
    expect(result.statusCode).toBe(404);
    expect(Object.keys(json(result.body))).toEqual(['error']);
    expect(json(result.body).error.code).toBe('NOT_FOUND');
  });

  it('takes the caller from requestContext.http.sourceIp, as API Gateway saw it', () => {
    const event = eventFixture<APIGatewayProxyEventV2>('http-list-products.json');
    expect(lambdaClientAddress({ env: { event } } as unknown as Context)).toBe('203.0.113.7');
  });
});
