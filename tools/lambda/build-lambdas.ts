import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(import.meta.dirname, '../..');
const SOURCES = join(ROOT, 'apps/api/src');
const OUT = join(ROOT, 'dist/lambdas');
/** Fresh Node processes timed per bundle; the median is printed. */
const IMPORT_RUNS = 5;

/** What a deployed function's environment holds; import runs the container start (config, clients). */
const lambdaEnv = {
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'build',
  AWS_SECRET_ACCESS_KEY: 'build',
  TABLE_PREFIX: 'sellout-',
  STORE: 'dynamodb',
  QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/sellout-orders',
  INVOICE_BUCKET: 'sellout-invoices',
  WEBSOCKET_ENDPOINT: 'https://abc123.execute-api.eu-west-1.amazonaws.com/live',
  ADMIN_TOKEN: randomBytes(18).toString('base64url'),
  SESSION_SECRET: randomBytes(32).toString('base64url'),
  MAIL_TRANSPORT: 'ses',
  LOG_LEVEL: 'silent',
};

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Milliseconds from a fresh process's first line to the bundle's handlers being defined. */
const importMs = (file: string) => {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  const out = execFileSync(
    process.execPath,
    ['--no-warnings', '--input-type=module', '-e', script],
    {
      env: { PATH: process.env.PATH, ...lambdaEnv },
      encoding: 'utf8',
    },
  );
  return Number(out);
};

const entries = readdirSync(SOURCES).filter((name) => /^main-lambda-.+\.ts$/.test(name));
rmSync(OUT, { recursive: true, force: true });
console.log(
  `bundling ${entries.length} Lambda entry points into ${OUT} (esbuild, node20, esm, minified)`,
);
console.log('entry point                 bundle   import into a fresh Node process');
for (const entry of entries) {
  // One self-contained folder per function (its zip): the bundle in lambda/ (handler
  // `lambda/index.handler`), and beside it the files the HTTP app reads at start (the API docs
  // page, routes/docs.ts), where the bundle's import.meta.dirname finds them.
  const dir = join(OUT, entry.replace(/\.ts$/, ''));
  const outfile = join(dir, 'lambda/index.mjs');
  if (entry === 'main-lambda-http.ts') {
    cpSync(join(SOURCES, 'docs'), join(dir, 'docs'), { recursive: true });
    const swagger = dirname(
      createRequire(join(SOURCES, 'routes/docs.ts')).resolve('swagger-ui-dist/package.json'),
    );
    for (const file of ['package.json', 'swagger-ui-bundle.js', 'swagger-ui.css']) {
      cpSync(join(swagger, file), join(dir, 'lambda/node_modules/swagger-ui-dist', file));
    }
  }
  await build({
    entryPoints: [join(SOURCES, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    // This machine's Node, which imports the bundles to time them; CDK builds for Node 22.
    target: 'node20',
    format: 'esm',
    minify: true,
    sourcemap: 'external',
    legalComments: 'none',
    logLevel: 'error',
    // CommonJS dependencies (the AWS SDK, pino) still call require().
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  const kib = statSync(outfile).size / 1024;
  const runs = Array.from({ length: IMPORT_RUNS }, () => importMs(outfile));
  console.log(
    `${entry.padEnd(24)} ${kib.toFixed(0).padStart(6)} KiB   import ${median(runs).toFixed(0).padStart(4)} ms (median of ${IMPORT_RUNS} fresh processes)`,
  );
}
