import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-deps';
import { issuesOf, sendFailure, validationFailed } from './errors';

/** A router whose zod validation failures answer VALIDATION_FAILED with `details.issues`. */
export const newRouter = () =>
  new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return sendFailure(c, validationFailed(issuesOf(result.error)));
    },
  });
