import { openAwsRuntime } from './lambda/aws-runtime';
import { createHttpHandler, type HttpHandler } from './lambda/http-handler';
import { loadLambdaConfig } from './lambda/lambda-config';
import { lambdaLogger } from './lambda/lambda-logger';

/**
 * API Gateway HTTP API (payload 2.0) → the shop's Hono app. Config and SDK clients are made
 * once per container, when Lambda loads this module, and reused by every invocation.
 */
const config = loadLambdaConfig(process.env, 'http');
const runtime = openAwsRuntime(config, lambdaLogger(config, 'http'));

export const handler: HttpHandler = createHttpHandler({
  ...runtime.parts,
  secrets: { adminToken: config.ADMIN_TOKEN!, sessionSecret: config.SESSION_SECRET! },
});
