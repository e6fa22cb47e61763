import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { type EnvironmentName, type EnvironmentSettings, environments } from '../environments';
import { buildApp, SITE_DIR } from '../main-cdk';
import { SelloutStage } from '../sellout-stage';

/** The feature flags of cdk.json, so the tests synthesize what `cdk synth` does. */
const CDK_JSON = fileURLToPath(new URL('../../cdk.json', import.meta.url));
export const cdkContext = (): Record<string, unknown> =>
  (JSON.parse(readFileSync(CDK_JSON, 'utf8')) as { context: Record<string, unknown> }).context;

/*
 * One output folder for every app of the run: CDK caches a bundled asset by its output folder,
 * so the functions are bundled once, not once per app. Templates are read right after each
 * synthesis, before another app can write over them.
 */
const OUTDIR = mkdtempSync(join(tmpdir(), 'sellout-cdk-'));

/** Where synthesis put a function's bundle, from its `Code.S3Key` (`<hash>.zip`). */
export const assetFolder = (s3Key: string) => join(OUTDIR, `asset.${s3Key.replace(/\.zip$/, '')}`);

export const newApp = (context: Record<string, unknown> = {}) =>
  new App({ context: { ...cdkContext(), ...context }, outdir: OUTDIR });

type Synthesized = {
  stages: Record<EnvironmentName, SelloutStage>;
  templates: Record<EnvironmentName, { data: Template; app: Template; ci: Template }>;
  validationReport: { pluginReports: unknown[] };
};

let all: Synthesized | undefined;

/**
 * All three environments, synthesized once per test run (the infra project shares one module
 * cache across its files): bundling the functions is the slow part, and every file asserts
 * on the same templates. Synthesis throws if cdk-nag reports an unjustified finding.
 */
export const synthesizeAll = (): Synthesized => {
  if (all) return all;
  const app = newApp();
  const stages = buildApp(app);
  const assembly = app.synth();
  const validationReport = JSON.parse(
    readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8'),
  ) as Synthesized['validationReport'];
  const byName = <T>(value: (stage: SelloutStage) => T) =>
    Object.fromEntries(stages.map((stage) => [stage.settings.name, value(stage)])) as Record<
      EnvironmentName,
      T
    >;
  all = {
    stages: byName((stage) => stage),
    templates: byName((stage) => ({
      data: Template.fromStack(stage.data),
      app: Template.fromStack(stage.app),
      ci: Template.fromStack(stage.ci),
    })),
    validationReport,
  };
  return all;
};

export const dataTemplate = (name: EnvironmentName) => synthesizeAll().templates[name].data;
export const appTemplate = (name: EnvironmentName) => synthesizeAll().templates[name].app;
export const ciTemplate = (name: EnvironmentName) => synthesizeAll().templates[name].ci;

/** One more environment with changed settings (a custom domain, a pre-warm), in its own app. */
export const synthesizeVariant = (
  name: EnvironmentName,
  change: (settings: EnvironmentSettings) => EnvironmentSettings,
) => {
  const app = newApp();
  const stage = new SelloutStage(app, {
    settings: change(structuredClone(environments[name])),
    siteDir: SITE_DIR,
  });
  app.synth();
  return {
    stage,
    data: Template.fromStack(stage.data),
    app: Template.fromStack(stage.app),
    ci: Template.fromStack(stage.ci),
  };
};

export const ENVIRONMENTS: EnvironmentName[] = ['dev', 'staging', 'prod'];

/** CloudFormation JSON, as loosely typed as CDK's own Template.toJSON() gives it. */
export type CfnJson = ReturnType<Template['toJSON']>;
