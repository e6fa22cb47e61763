import { type Hook, OpenAPIHono, type RouteConfig, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-deps';
import { issuesOf, sendFailure, validationFailed } from './errors';

type AnyHook = Hook<unknown, AppEnv, string, unknown>;

const defaultHook: AnyHook = (result, c) => {
  if (!result.success) return sendFailure(c, validationFailed(issuesOf(result.error)));
};

/**
 * The declared headers of a route, read one by one. `@hono/zod-openapi` validates headers by
 * copying every request header into an object first (`c.req.header()`), which makes the Node
 * adapter build undici `Headers` for the request: about a tenth of a refused checkout's CPU, for
 * the one header (`Idempotency-Key`) the schema names. The schema, its issues, the hook and the
 * validated data are the same; a z.object strips the headers it does not name either way.
 */
const declaredHeaders = (schema: z.ZodObject, hook: AnyHook): MiddlewareHandler<AppEnv> => {
  const names = Object.keys(schema.shape);
  return async (c, next) => {
    const value: Record<string, string> = {};
    for (const name of names) {
      const header = c.req.header(name);
      if (header !== undefined) value[name] = header;
    }
    const result = await schema.safeParseAsync(value);
    // As zod-validator calls it: the parsed data, when there is any, over the raw values.
    const answer: unknown = await hook(
      { data: value, ...result, target: 'header' } as never,
      c as never,
    );
    if (answer instanceof Response) return answer;
    if (answer && typeof answer === 'object' && 'response' in answer)
      return answer.response as Response;
    if (!result.success) return c.json(result, 400);
    c.req.addValidatedData('header', result.data);
    await next();
  };
};

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Headers are declared as a plain object of header names, told apart case-insensitively. */
const isObjectOfNames = (schema: unknown): schema is z.ZodObject => {
  if (!(schema instanceof z.ZodObject) || schema._zod.def.catchall !== undefined) return false;
  const names = Object.keys(schema.shape);
  return (
    names.every((name) => HEADER_NAME.test(name)) &&
    new Set(names.map((name) => name.toLowerCase())).size === names.length
  );
};

/**
 * A router whose zod validation failures answer VALIDATION_FAILED with `details.issues`, and
 * whose routes validate their declared headers by name (above). Such a route is registered for
 * the OpenAPI document as declared and mounted without its `headers`, so the document is the same
 * either way. Declared headers are checked right after the route's middleware, before its query
 * and path parameters (zod-openapi checked those first; no route declares both), and before its
 * body, as before.
 */
export const newRouter = () => {
  const router = new OpenAPIHono<AppEnv>({ defaultHook: defaultHook as never });
  const mount = router.openapi;
  router.openapi = ((route: RouteConfig, handler: never, hook?: AnyHook) => {
    const { middleware, hide, request, ...documented } = route;
    const headers = request?.headers;
    if (headers === undefined) return mount(route as never, handler, hook as never);
    if (!isObjectOfNames(headers))
      throw new Error(
        `${route.method} ${route.path}: headers must be a z.object of distinct header names`,
      );
    if (!hide) router.openAPIRegistry.registerPath({ ...documented, request });
    const routeMiddleware =
      middleware === undefined ? [] : Array.isArray(middleware) ? middleware : [middleware];
    mount(
      {
        ...route,
        hide: true,
        request: { ...request, headers: undefined },
        middleware: [...routeMiddleware, declaredHeaders(headers, hook ?? defaultHook)],
      } as never,
      handler,
      hook as never,
    );
    return router;
  }) as typeof router.openapi;
  return router;
};
