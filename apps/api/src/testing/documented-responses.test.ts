import { createRoute, z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { json } from '../http/openapi-helpers';
import { newRouter } from '../http/router';
import { checkedAgainstDocument } from './documented-responses';

const appAnswering = (status: number, body: unknown) =>
  checkedAgainstDocument(
    newRouter().openapi(
      createRoute({
        method: 'get',
        path: '/api/things/{id}',
        responses: { 200: json(z.object({ id: z.string() }), 'A thing.') },
      }),
      // biome-ignore lint/suspicious/noExplicitAny: the point is to answer off the document
      (c) => c.json(body as any, status as 200),
    ),
  );

describe('answers held to the document', () => {
  it('lets a documented status with a matching body through', async () => {
    const response = await appAnswering(200, { id: 't_1' }).request('/api/things/t_1');
    expect(await response.json()).toEqual({ id: 't_1' });
  });

  it('refuses a status the operation does not list', async () => {
    await expect(appAnswering(418, { id: 't_1' }).request('/api/things/t_1')).rejects.toThrow(
      /GET \/api\/things\/t_1 answered 418, a status GET \/api\/things\/\{id\} does not list/,
    );
  });

  it('refuses a body the listed schema does not describe', async () => {
    await expect(appAnswering(200, { id: 7 }).request('/api/things/t_1')).rejects.toThrow(
      /with a body the document does not describe/,
    );
  });
});
