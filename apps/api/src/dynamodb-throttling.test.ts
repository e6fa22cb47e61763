import {
  BatchGetItemCommand,
  DeleteTableCommand,
  type DynamoDBClient,
  GetItemCommand,
  ProvisionedThroughputExceededException,
  PutItemCommand,
  QueryCommand,
  ThrottlingException,
  TransactGetItemsCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { localClient, withoutDynamoDb } from '@sellout/adapter-aws/testing/dynamodb-test-tables';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  allOrders,
  buyNow,
  expectError,
  jsonRequest,
  newShopper,
  openTestApp,
  type TestApp,
} from './testing/test-app';

/**
 * The test app's DynamoDB client, stubbed by aws-sdk-client-mock: every command the adapters
 * send goes on to DynamoDB Local through a second client, except the ones a test makes fail.
 */
const injectInto = (t: TestApp) => {
  const { client } = t.store as { client: DynamoDBClient };
  const real = localClient();
  const mock = mockClient(client);
  mock.on(BatchGetItemCommand).callsFake((input) => real.send(new BatchGetItemCommand(input)));
  mock.on(DeleteTableCommand).callsFake((input) => real.send(new DeleteTableCommand(input)));
  mock.on(GetItemCommand).callsFake((input) => real.send(new GetItemCommand(input)));
  mock.on(PutItemCommand).callsFake((input) => real.send(new PutItemCommand(input)));
  mock.on(QueryCommand).callsFake((input) => real.send(new QueryCommand(input)));
  mock.on(UpdateItemCommand).callsFake((input) => real.send(new UpdateItemCommand(input)));
  mock
    .on(TransactGetItemsCommand)
    .callsFake((input) => real.send(new TransactGetItemsCommand(input)));
  mock
    .on(TransactWriteItemsCommand)
    .callsFake((input) => real.send(new TransactWriteItemsCommand(input)));
  onTestFinished(() => {
    mock.restore();
    real.destroy();
  });
  return { mock, real };
};

const throttled = () =>
  new ThrottlingException({
    message: 'Rate of requests exceeds the allowed throughput.',
    $metadata: {},
  });

describe.skipIf(withoutDynamoDb)('DynamoDB throttling through the API', () => {
  const setup = async () => {
    const t = await openTestApp({ store: 'dynamodb' });
    const shopper = await newShopper(t.app);
    const before = await t.deps.catalog.get(t.products.plenty.id);
    const { mock, real } = injectInto(t);
    const unchanged = async () => {
      expect(await t.deps.catalog.get(t.products.plenty.id)).toEqual(before);
      expect(await allOrders(t.deps.orders)).toEqual([]);
    };
    return { t, shopper, mock, real, unchanged };
  };

  it('answers 503 UNAVAILABLE with Retry-After when checkout stays throttled after the SDK retries, changing nothing', async () => {
    const { t, shopper, mock, unchanged } = await setup();
    mock.on(TransactWriteItemsCommand).rejects(throttled());
    const response = await buyNow(t.app, shopper, t.products.plenty.id, 1, { key: 'k-1' });
    const error = expectError(response, 503, 'UNAVAILABLE');
    expect(Number(response.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(error.details).toEqual({ retryAfterSeconds: expect.any(Number) });
    await unchanged();
  });

  it('retries a checkout cancelled for throttling, then answers 503, changing nothing', async () => {
    const { t, shopper, mock, unchanged } = await setup();
    mock.on(TransactWriteItemsCommand).rejects(
      new TransactionCanceledException({
        message: 'Transaction cancelled, please refer cancellation reasons for specific reasons',
        $metadata: {},
        CancellationReasons: [{ Code: 'ThrottlingError' }, { Code: 'None' }, { Code: 'None' }],
      }),
    );
    const response = await buyNow(t.app, shopper, t.products.plenty.id, 1);
    expectError(response, 503, 'UNAVAILABLE');
    expect(response.headers.get('Retry-After')).not.toBeNull();
    // The adapter's own retries (the SDK does not retry a cancelled transaction): all of them.
    expect(mock.commandCalls(TransactWriteItemsCommand).length).toBe(16);
    await unchanged();
  }, 60_000);

  it.each(['ThrottlingError', 'TransactionConflict'])(
    'retries a checkout cancelled for %s and places the order once when it passes',
    async (code) => {
      const { t, shopper, mock, real } = await setup();
      mock
        .on(TransactWriteItemsCommand)
        .rejectsOnce(
          new TransactionCanceledException({
            message: 'Transaction cancelled',
            $metadata: {},
            CancellationReasons: [{ Code: code }],
          }),
        )
        .callsFake((input) => real.send(new TransactWriteItemsCommand(input)));
      const response = await buyNow(t.app, shopper, t.products.plenty.id, 1);
      expect(response.status).toBe(201);
      expect(mock.commandCalls(TransactWriteItemsCommand).length).toBe(2);
      expect(await allOrders(t.deps.orders)).toHaveLength(1);
      expect((await t.deps.catalog.get(t.products.plenty.id))?.stock).toBe(
        t.products.plenty.stock - 1,
      );
    },
  );

  it('answers 503 to a read throttled past the retries too', async () => {
    const { t, mock } = await setup();
    mock.on(GetItemCommand).rejects(
      new ProvisionedThroughputExceededException({
        message: 'Throughput exceeded',
        $metadata: {},
      }),
    );
    const response = await jsonRequest(t.app, 'GET', `/api/products/${t.products.plenty.id}`);
    expectError(response, 503, 'UNAVAILABLE');
    expect(response.headers.get('Retry-After')).not.toBeNull();
  });
});
