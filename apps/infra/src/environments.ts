/*
 * Everything that differs between dev, staging and prod, in one typed place. The stacks read
 * nothing else (no context lookups, no environment variables but the account), so a synth is
 * the same offline as in CI. docs/deploy.md says when to change which value.
 */

export const ENVIRONMENT_NAMES = ['dev', 'staging', 'prod'] as const;
export type EnvironmentName = (typeof ENVIRONMENT_NAMES)[number];

/** Units per second DynamoDB keeps ready without throttling: raised before a sale (pre-warm). */
export type WarmThroughput = { readUnitsPerSecond: number; writeUnitsPerSecond: number };

/**
 * The Lambda functions: one per entry point `apps/api/src/main-lambda-<name>.ts`, and the
 * sweeper, the stream entry's `sweep` handler on a schedule.
 */
export const FUNCTION_NAMES = ['http', 'worker', 'stream', 'sweeper', 'ws'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

export type FunctionSettings = {
  memoryMb: number;
  /** Caps the function's share of the account's concurrency; null leaves it unreserved. */
  reservedConcurrency: number | null;
  /** Instances kept initialised on the `live` alias (no cold start); 0 for none. */
  provisionedConcurrency: number;
};

export type EnvironmentSettings = {
  name: EnvironmentName;
  /** Region of every stack; the account comes from the credentials at deploy time. */
  region: string;
  /** `destroy` lets `cdk destroy` remove the data (dev only); `retain` keeps it. */
  removalPolicy: 'destroy' | 'retain';
  data: {
    pointInTimeRecovery: boolean;
    deletionProtection: boolean;
    /** Per-key traffic graphs (which product is hot), billed per event. */
    contributorInsights: boolean;
    /** On-demand ceiling per table, a guard on the bill; null for none. */
    maxWriteRequestUnits: number | null;
    /** Pre-warm before a sale (docs/deploy.md). It can only be raised, never lowered. */
    warmThroughput: { products: WarmThroughput | null; orders: WarmThroughput | null };
  };
  /** STOCK_SHARDS for products created or restocked after a deploy (ADR 12). */
  stockShards: number;
  logRetentionDays: LogRetentionDays;
  logLevel: 'info' | 'debug' | 'warn';
  functions: Record<FunctionName, FunctionSettings>;
  /** Steady requests a second and burst for the whole stage (API Gateway throttling). */
  throttle: { http: Throttle; webSocket: Throttle };
  alarms: {
    /** 5xx answers as a percentage of requests, over a minute. */
    http5xxPercent: number;
    p99LatencyMs: number;
    /** Conflicting transactions a minute on one table before someone should look. */
    transactionConflictsPerMinute: number;
    /** Seconds the oldest order may wait in the queue. */
    queueAgeSeconds: number;
    /** Seconds a stream record may wait before the relay reads it (records expire after 24 h). */
    streamIteratorAgeSeconds: number;
    /** Subscribed to the alarm topic (confirm the email AWS sends); null for none. */
    email: string | null;
  };
  /** A custom domain with its ACM certificate (us-east-1, for CloudFront); null serves on *.cloudfront.net. */
  domain: { name: string; certificateArn: string } | null;
  /** MAIL_FROM, and the address SES must verify before it sends as it. */
  mail: { from: string; identity: string };
  /** `canary` shifts 10 % of traffic for 5 minutes through CodeDeploy; `all-at-once` moves the alias. */
  release: 'canary' | 'all-at-once';
  /**
   * The GitHub Actions deploy role (the Sellout-<env>-Ci stack). `createOidcProvider` is false
   * when the account already has GitHub's OIDC provider (one per account), e.g. a second
   * environment in the same account.
   */
  ci: { githubRepository: string; createOidcProvider: boolean };
};

/** The repository whose workflows deploy (`owner/name`): set it to yours before the first deploy. */
export const GITHUB_REPOSITORY = 'your-org/sellout';

type Throttle = { rateLimit: number; burstLimit: number };

/** The values CloudWatch Logs accepts as retention, in days. */
export type LogRetentionDays = 1 | 3 | 5 | 7 | 14 | 30 | 60 | 90 | 180 | 365 | 731 | 1827 | 3653;

const fn = (
  memoryMb: number,
  reservedConcurrency: number | null = null,
  provisionedConcurrency = 0,
): FunctionSettings => ({ memoryMb, reservedConcurrency, provisionedConcurrency });

export const environments: Record<EnvironmentName, EnvironmentSettings> = {
  dev: {
    name: 'dev',
    region: 'eu-west-1',
    removalPolicy: 'destroy',
    data: {
      pointInTimeRecovery: false,
      deletionProtection: false,
      contributorInsights: false,
      maxWriteRequestUnits: 1_000,
      warmThroughput: { products: null, orders: null },
    },
    stockShards: 1,
    logRetentionDays: 7,
    logLevel: 'debug',
    functions: {
      http: fn(1024, 20),
      worker: fn(512, 5),
      stream: fn(256, 2),
      sweeper: fn(256, 1),
      ws: fn(256, 10),
    },
    throttle: {
      http: { rateLimit: 50, burstLimit: 100 },
      webSocket: { rateLimit: 20, burstLimit: 50 },
    },
    alarms: {
      http5xxPercent: 5,
      p99LatencyMs: 3_000,
      transactionConflictsPerMinute: 50,
      queueAgeSeconds: 300,
      streamIteratorAgeSeconds: 300,
      email: null,
    },
    domain: null,
    mail: {
      from: 'Sellout dev <orders@dev.sellout.example>',
      identity: 'orders@dev.sellout.example',
    },
    release: 'all-at-once',
    ci: { githubRepository: GITHUB_REPOSITORY, createOidcProvider: true },
  },
  staging: {
    name: 'staging',
    region: 'eu-west-1',
    removalPolicy: 'retain',
    data: {
      pointInTimeRecovery: true,
      deletionProtection: true,
      contributorInsights: false,
      maxWriteRequestUnits: 10_000,
      warmThroughput: { products: null, orders: null },
    },
    stockShards: 4,
    logRetentionDays: 30,
    logLevel: 'info',
    functions: {
      http: fn(1024, 200),
      worker: fn(512, 20),
      stream: fn(256, 5),
      sweeper: fn(256, 1),
      ws: fn(256, 50),
    },
    throttle: {
      http: { rateLimit: 1_000, burstLimit: 2_000 },
      webSocket: { rateLimit: 200, burstLimit: 500 },
    },
    alarms: {
      http5xxPercent: 1,
      p99LatencyMs: 1_500,
      transactionConflictsPerMinute: 200,
      queueAgeSeconds: 120,
      streamIteratorAgeSeconds: 120,
      email: null,
    },
    domain: null,
    mail: {
      from: 'Sellout staging <orders@staging.sellout.example>',
      identity: 'orders@staging.sellout.example',
    },
    release: 'canary',
    ci: { githubRepository: GITHUB_REPOSITORY, createOidcProvider: true },
  },
  prod: {
    name: 'prod',
    region: 'eu-west-1',
    removalPolicy: 'retain',
    data: {
      pointInTimeRecovery: true,
      deletionProtection: true,
      contributorInsights: true,
      maxWriteRequestUnits: null,
      warmThroughput: { products: null, orders: null },
    },
    stockShards: 8,
    logRetentionDays: 90,
    logLevel: 'info',
    functions: {
      http: fn(1769, 600, 5),
      worker: fn(1024, 100),
      stream: fn(512, 10),
      sweeper: fn(256, 1),
      ws: fn(512, 150),
    },
    throttle: {
      http: { rateLimit: 5_000, burstLimit: 10_000 },
      webSocket: { rateLimit: 1_000, burstLimit: 2_000 },
    },
    alarms: {
      http5xxPercent: 1,
      p99LatencyMs: 1_000,
      transactionConflictsPerMinute: 500,
      queueAgeSeconds: 60,
      streamIteratorAgeSeconds: 60,
      email: null,
    },
    domain: null,
    mail: { from: 'Sellout <orders@sellout.example>', identity: 'orders@sellout.example' },
    release: 'canary',
    ci: { githubRepository: GITHUB_REPOSITORY, createOidcProvider: true },
  },
};

export const isEnvironmentName = (value: unknown): value is EnvironmentName =>
  typeof value === 'string' && (ENVIRONMENT_NAMES as readonly string[]).includes(value);
