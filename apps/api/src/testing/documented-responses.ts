import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ZodType } from 'zod';
import type { AppEnv } from '../app-deps';
import { isApiPath } from '../http/api-path';

/*
 * Holds every answer of the in-process app to its OpenAPI document: the status must be one the
 * operation lists, and a JSON body must parse with the schema listed for that status. Every API
 * test that goes through `app.request` checks it, so "the document says what the API answers"
 * is tested by all of their traffic, bad input included.
 */

type ResponseConfig = { content?: Record<string, { schema?: unknown }> };
type Operation = {
  method: string;
  pattern: RegExp;
  path: string;
  responses: Record<string, ResponseConfig>;
};

const isZod = (schema: unknown): schema is ZodType =>
  typeof (schema as ZodType | undefined)?.safeParse === 'function';

const operationsOf = (app: OpenAPIHono<AppEnv>): Operation[] =>
  app.openAPIRegistry.definitions.flatMap((definition) => {
    if (definition.type !== 'route') return [];
    const { method, path, responses } = definition.route;
    const pattern = new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    return [
      {
        method: method.toUpperCase(),
        pattern,
        path,
        responses: responses as Record<string, ResponseConfig>,
      },
    ];
  });

const requestLine = (input: unknown, init: RequestInit | undefined) => {
  const url =
    input instanceof Request ? new URL(input.url) : new URL(String(input), 'http://localhost');
  const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
  return { method, path: url.pathname };
};

/** Why the answer breaks the document, or null when it keeps to it. */
export const breachOfDocument = async (
  operations: Operation[],
  request: { method: string; path: string },
  response: Response,
): Promise<string | null> => {
  // The storefront's pages and files are not the API; the document describes only /api.
  if (!isApiPath(request.path)) return null;
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  const operation = operations.find((o) => o.method === method && o.pattern.test(request.path));
  const what = `${request.method} ${request.path} answered ${response.status}`;
  if (!operation) {
    // Not an operation: a file of the reference page, or the error table's NOT_FOUND.
    if (request.path.startsWith('/api/docs/') && response.status === 200) return null;
    return response.status === 404 ? null : `${what}, and the document has no such operation`;
  }
  const documented = operation.responses[String(response.status)];
  if (!documented) return `${what}, a status ${method} ${operation.path} does not list`;
  const schema = documented.content?.['application/json']?.schema;
  if (request.method === 'HEAD' || !isZod(schema)) return null;
  const parsed = schema.safeParse(await response.clone().json());
  return parsed.success
    ? null
    : `${what} with a body the document does not describe: ${JSON.stringify(parsed.error.issues)}`;
};

/** The same app, whose `request` throws when an answer breaks the app's own document. */
export const checkedAgainstDocument = <App extends OpenAPIHono<AppEnv>>(app: App): App => {
  const operations = operationsOf(app);
  const request: App['request'] = async (input, init, ...rest) => {
    const response = await app.request(input, init, ...rest);
    const breach = await breachOfDocument(operations, requestLine(input, init), response);
    if (breach) throw new Error(`Undocumented answer: ${breach}`);
    return response;
  };
  return new Proxy(app, {
    get: (target, property, receiver) =>
      property === 'request' ? request : Reflect.get(target, property, receiver),
  });
};
