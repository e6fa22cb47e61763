import { DEFAULT_MAX_RECEIVE_COUNT } from '@sellout/adapter-aws/resource-definitions';
import { DEFAULT_RETRY_POLICY } from '@sellout/core/orders/redelivery-policy';
import { z } from 'zod';

const onOff = z.enum(['on', 'off']);
const days = (name: string) =>
  z.coerce
    .number()
    .int(`${name} is a whole number of days`)
    .min(1, `${name} is at least 1 day`)
    .max(3650, `${name} is at most 3650 days`);

/** Every setting of the API process, from the environment (DESIGN §9). Parsed once at start. */
export const configSchema = z
  .object({
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    DATA_DIR: z.string().min(1).default('./var'),
    STORE: z.enum(['sqlite', 'dynamodb']).default('sqlite'),
    /** DynamoDB Local or another stand-in; when set, missing tables are created at start. */
    DYNAMODB_ENDPOINT: z.url('DYNAMODB_ENDPOINT is a URL like http://127.0.0.1:8000').optional(),
    TABLE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{0,200}$/, 'TABLE_PREFIX is letters, digits, "_", "-" or "."')
      .default('sellout-'),
    AWS_REGION: z.string().min(1).optional(),
    /** Shard items per product stock on DynamoDB (DESIGN §11); applies to products created or restocked after. */
    STOCK_SHARDS: z.coerce.number().int().min(1).max(32).default(1),
    QUEUE_URL: z.url('QUEUE_URL is the URL of the SQS order queue').optional(),
    INVOICE_BUCKET: z.string().min(3).max(63).optional(),
    S3_ENDPOINT: z.url('S3_ENDPOINT is a URL like http://127.0.0.1:4566').optional(),
    MAIL_TRANSPORT: z.enum(['file', 'ses']).default('file'),
    /** SQS stand-in (fauxqs) for the AWS runtime on one machine; unset for the real service. */
    SQS_ENDPOINT: z.url('SQS_ENDPOINT is a URL like http://127.0.0.1:4566').optional(),
    /** SES v2 stand-in (aws-ses-v2-local); unset for the real service. */
    SES_ENDPOINT: z.url('SES_ENDPOINT is a URL like http://127.0.0.1:8005').optional(),
    /**
     * The API Gateway Management API of the WebSocket API (`https://<api>.execute-api.<region>
     * .amazonaws.com/<stage>`), where live messages are posted to connections.
     */
    WEBSOCKET_ENDPOINT: z
      .url('WEBSOCKET_ENDPOINT is the https URL of the WebSocket stage')
      .optional(),
    /** Deliveries of an order message before the DLQ; the queue's redrive policy says the same. */
    MAX_RECEIVE_COUNT: z.coerce.number().int().min(1).max(1000).default(DEFAULT_MAX_RECEIVE_COUNT),
    /** Where the shop owner is told about stuck orders; unset tells nobody. */
    OWNER_EMAIL: z.email('OWNER_EMAIL must be an email address').optional(),
    /** PENDING orders with no progress for this long are re-sent to the worker (AWS runtime). */
    SWEEP_AFTER_MS: z.coerce.number().int().min(10_000).max(86_400_000).default(300_000),
    // Printable ASCII without spaces: what an Authorization header can carry.
    ADMIN_TOKEN: z
      .string()
      .regex(
        /^[\x21-\x7e]{16,512}$/,
        'ADMIN_TOKEN must be 16–512 printable ASCII characters, no spaces',
      )
      .optional(),
    SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
    /** A guest token is refused this many days after it was issued (ADR 46). */
    SESSION_TTL_DAYS: days('SESSION_TTL_DAYS').default(90),
    /** Carts no change touched, and interest scores no event touched, for this long go (ADR 45). */
    CART_TTL_DAYS: days('CART_TTL_DAYS').default(30),
    SEED: z.enum(['demo', 'none']).default('demo'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    RATE_LIMIT: onOff.default('on'),
    SHOP_NAME: z.string().min(1).max(100).default('Sellout'),
    SHOP_CURRENCY: z
      .string()
      .regex(/^[A-Z]{3}$/, 'SHOP_CURRENCY is an ISO 4217 code like USD')
      .default('USD'),
    MAIL_FROM: z.string().min(3).default('Sellout <orders@sellout.localhost>'),
    /** `inline` runs the order worker inside `npm start`; `off` when `npm run worker` runs it. */
    WORKER: z.enum(['inline', 'off']).default('inline'),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(128),
    /** Deliveries of an order before it is marked stuck, the owner emailed, the admin to retry. */
    WORKER_MAX_ATTEMPTS: z.coerce
      .number()
      .int()
      .min(1)
      .max(100)
      .default(DEFAULT_RETRY_POLICY.maxAttempts),
    /** The first retry's delay; each later one doubles it (with jitter), up to 5 minutes. */
    WORKER_RETRY_BASE_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
    /** How long an order claimed by a worker that died stays hidden before it is redelivered. */
    WORKER_VISIBILITY_MS: z.coerce.number().int().min(1000).max(3_600_000).default(30_000),
  })
  .superRefine((config, ctx) => {
    // DynamoDB Local takes any region; the real service needs to know which one.
    if (config.STORE === 'dynamodb' && !config.DYNAMODB_ENDPOINT && !config.AWS_REGION) {
      ctx.addIssue({
        code: 'custom',
        path: ['AWS_REGION'],
        message: 'STORE=dynamodb needs AWS_REGION (or DYNAMODB_ENDPOINT for DynamoDB Local)',
      });
    }
  });

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Reads the environment; a bad value stops the process with a message naming the variable. */
export const loadConfig = (env: Record<string, string | undefined>): Config => {
  const parsed = configSchema.safeParse(
    Object.fromEntries(
      Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
    ),
  );
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
};
