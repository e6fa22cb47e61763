import { type Config, ConfigError, loadConfig } from '../config';

/** Which entry point reads the config: each needs a few settings the others do not. */
export type LambdaRole = 'http' | 'worker' | 'stream' | 'ws';

/** What every role needs beyond what the Node server needs; Lambda has no DATA_DIR to keep secrets in. */
const REQUIRED: Record<LambdaRole, readonly (keyof Config)[]> = {
  http: ['ADMIN_TOKEN', 'SESSION_SECRET', 'QUEUE_URL', 'INVOICE_BUCKET'],
  worker: ['QUEUE_URL', 'INVOICE_BUCKET'],
  stream: ['QUEUE_URL', 'WEBSOCKET_ENDPOINT'],
  ws: ['SESSION_SECRET'],
};

export type LambdaConfig = Config & { AWS_REGION: string };

/**
 * The same zod config as the Node server's (DESIGN §9), plus the settings a Lambda role cannot
 * do without. Lambda sets AWS_REGION itself. A missing one fails the container's start with a
 * message naming it, which CloudWatch shows as the init error.
 */
export const loadLambdaConfig = (
  env: Record<string, string | undefined>,
  role: LambdaRole,
): LambdaConfig => {
  const config = loadConfig(env);
  const missing = [...REQUIRED[role], 'AWS_REGION' as const].filter(
    (name) => config[name] === undefined,
  );
  if (missing.length > 0) {
    throw new ConfigError(
      `Invalid configuration for the ${role} Lambda:\n${missing.map((name) => `  ${name}: required`).join('\n')}`,
    );
  }
  return config as LambdaConfig;
};
