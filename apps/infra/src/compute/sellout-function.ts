import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  Alias,
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { EnvironmentSettings, FunctionName } from '../environments';
import type { LambdaEnvironment } from './lambda-environment';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** `apps/api/src/main-lambda-<entry>.ts`: the entry points are the API's, never copies. */
export const entryPath = (entry: string) => `${REPO_ROOT}apps/api/src/main-lambda-${entry}.ts`;

export const RUNTIME = Runtime.NODEJS_22_X;
export const ALIAS_NAME = 'live';

type SelloutFunctionProps = {
  name: FunctionName;
  /** The `main-lambda-<entry>.ts` file and its export. */
  entry: string;
  handler: string;
  description: string;
  timeout: Duration;
  environment: LambdaEnvironment;
  settings: EnvironmentSettings;
  /**
   * Files the function reads at run time rather than imports, copied into its bundle: `from`
   * relative to the repository, `to` relative to the bundle's folder (where `index.mjs` is).
   */
  files?: readonly { from: string; to: string }[];
};

/** Shell commands copying `files` into the bundle, run after esbuild, on this machine. */
const copyInto = (
  inputDir: string,
  outputDir: string,
  files: readonly { from: string; to: string }[],
) =>
  files.flatMap(({ from, to }) => {
    const target = join(outputDir, to);
    return [`mkdir -p "${dirname(target)}"`, `cp -R "${join(inputDir, from)}" "${target}"`];
  });

/**
 * One Lambda function of the shop: bundled from its entry point by the local esbuild (never
 * Docker), Node 22 on arm64, traced, JSON logs in its own log group, its own role (which starts
 * with nothing but writing its logs; each resource grants the rest), and published as a
 * version behind the `live` alias that API Gateway, SQS and the streams invoke, so a release
 * is a move of the alias (AppStack shifts it by CodeDeploy in prod).
 */
export class SelloutFunction extends Construct {
  readonly function: NodejsFunction;
  readonly alias: Alias;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: SelloutFunctionProps) {
    super(scope, id);
    const { settings } = props;
    const sizing = settings.functions[props.name];
    const functionName = `sellout-${settings.name}-${props.name}`;

    this.logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${functionName}`,
      retention: settings.logRetentionDays,
      removalPolicy:
        settings.removalPolicy === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${functionName}: its logs, and what each resource grants it`,
    });
    this.logGroup.grantWrite(role);

    this.function = new NodejsFunction(this, 'Function', {
      functionName,
      description: props.description,
      entry: entryPath(props.entry),
      handler: props.handler,
      runtime: RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: sizing.memoryMb,
      timeout: props.timeout,
      role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      systemLogLevelV2: SystemLogLevel.INFO,
      tracing: Tracing.ACTIVE,
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      ...(sizing.reservedConcurrency === null
        ? {}
        : { reservedConcurrentExecutions: sizing.reservedConcurrency }),
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}package-lock.json`,
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        // CommonJS dependencies inside an ES module bundle still call require().
        banner:
          "import { createRequire as $$cr } from 'node:module'; const require = $$cr(import.meta.url);",
        // The SDK is bundled at the version the tests ran with, not the runtime's (ADR 71).
        bundleAwsSDK: true,
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        sourcesContent: false,
        metafile: true,
        ...(props.files?.length
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (inputDir: string, outputDir: string) =>
                  copyInto(inputDir, outputDir, props.files ?? []),
              },
            }
          : {}),
      },
      currentVersionOptions: { removalPolicy: RemovalPolicy.RETAIN },
    });

    this.alias = new Alias(this, 'Live', {
      aliasName: ALIAS_NAME,
      version: this.function.currentVersion,
      ...(sizing.provisionedConcurrency > 0
        ? { provisionedConcurrentExecutions: sizing.provisionedConcurrency }
        : {}),
    });
  }
}
