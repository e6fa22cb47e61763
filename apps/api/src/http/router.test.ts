import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { describe, expect, it } from 'vitest';
import { newRouter } from './router';

/** A route as the checkouts declare theirs: a header schema and a JSON body. */
const routerWith = (body: z.ZodType) =>
  newRouter().openapi(
    createRoute({
      method: 'post',
      path: '/thing',
      request: {
        headers: z.object({
          'X-Thing-Key': z
            .string()
            .regex(/^[a-z]+$/)
            .optional(),
        }),
        body: { content: { 'application/json': { schema: body } }, required: true },
      },
      responses: { 200: { description: 'echo' } },
    }),
    (c) => c.json({ header: c.req.valid('header'), body: c.req.valid('json') }, 200),
  );

const post = (
  router: ReturnType<typeof routerWith>,
  headers: Record<string, string>,
  body: unknown,
) =>
  router.request('/thing', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('newRouter', () => {
  it('validates a declared header by its name, whatever its case, and passes only that header on', async () => {
    const router = routerWith(z.object({ n: z.number() }));
    const answer = await post(router, { 'x-thing-key': 'abc', 'x-other': 'left out' }, { n: 1 });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ header: { 'X-Thing-Key': 'abc' }, body: { n: 1 } });
    const without = await post(router, {}, { n: 1 });
    expect(await without.json()).toEqual({ header: {}, body: { n: 1 } });
  });

  it('answers a bad header 400 VALIDATION_FAILED naming it, before the body is looked at', async () => {
    const router = routerWith(z.object({ n: z.number() }));
    for (const key of ['ABC', '']) {
      const answer = await post(router, { 'X-Thing-Key': key }, { n: 'not a number' });
      expect(answer.status, key).toBe(400);
      const body = (await answer.json()) as {
        error: { code: string; details: { issues: { path: string }[] } };
      };
      expect(body.error.code).toBe('VALIDATION_FAILED');
      expect(body.error.details.issues).toEqual([expect.objectContaining({ path: 'X-Thing-Key' })]);
    }
  });

  it('parses a body schema with an asynchronous refinement', async () => {
    const schema = z.object({ n: z.number() }).refine(async ({ n }) => n > 0, 'n is positive');
    const router = routerWith(schema);
    expect((await post(router, {}, { n: 2 })).status).toBe(200);
    const refused = await post(router, {}, { n: -2 });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain('n is positive');
  });

  it('calls a route hook as zod-validator does: parsed data on success, its { response } answered', async () => {
    const seen: unknown[] = [];
    const router = newRouter().openapi(
      createRoute({
        method: 'get',
        path: '/n',
        request: { headers: z.object({ 'x-n': z.string().transform(Number) }) },
        responses: { 200: { description: 'n' } },
      }),
      (c) => c.json(c.req.valid('header'), 200),
      // zod-validator also takes `{ response }` from a hook, which Hook's type does not name.
      ((result: { success: boolean; data: unknown }, c: Context) => {
        seen.push(result.data);
        if (!result.success) return { response: c.text('custom', 418) };
      }) as never,
    );
    const answer = await router.request('/n', { headers: { 'X-N': '5' } });
    expect(await answer.json()).toEqual({ 'x-n': 5 });
    expect(seen).toEqual([{ 'x-n': 5 }]);
    const refused = await router.request('/n');
    expect(refused.status).toBe(418);
    expect(await refused.text()).toBe('custom');
  });

  it('refuses at start-up header schemas it cannot read name by name', () => {
    const mount = (headers: z.ZodObject) =>
      newRouter().openapi(
        createRoute({
          method: 'get',
          path: '/h',
          request: { headers },
          responses: { 200: { description: 'h' } },
        }),
        (c) => c.json({}, 200),
      );
    expect(() => mount(z.object({ 'x a': z.string() }))).toThrow(/header names/);
    expect(() => mount(z.object({ 'x-a': z.string(), 'X-A': z.string() }))).toThrow(/header names/);
    expect(() => mount(z.looseObject({ 'x-a': z.string() }))).toThrow(/header names/);
    expect(() => mount(z.object({ 'x-a': z.string() }))).not.toThrow();
  });

  it('documents the route as declared, header parameter included', () => {
    const router = routerWith(z.object({ n: z.number() }));
    const document = router.getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
    });
    const operation = document.paths?.['/thing']?.post;
    expect(operation?.parameters).toEqual([
      expect.objectContaining({ name: 'X-Thing-Key', in: 'header', required: false }),
    ]);
    expect(operation?.requestBody).toMatchObject({
      content: { 'application/json': { schema: { type: 'object' } } },
    });
  });
});
