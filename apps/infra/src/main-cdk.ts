import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import {
  ENVIRONMENT_NAMES,
  type EnvironmentName,
  environments,
  isEnvironmentName,
} from './environments';
import { SelloutStage } from './sellout-stage';

/** Where `npm run build` writes the storefront. */
export const SITE_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

/**
 * The environments to build: the one named by `-c env=<name>`, or all three (a synth in CI).
 * `npm run deploy` passes `-c requireEnv=true`, so a deploy never takes all three by accident.
 */
export const selectedEnvironments = (app: App): EnvironmentName[] => {
  const chosen: unknown = app.node.tryGetContext('env');
  if (chosen === undefined) {
    if (app.node.tryGetContext('requireEnv')) {
      throw new Error('Name the environment to deploy: -c env=dev|staging|prod');
    }
    return [...ENVIRONMENT_NAMES];
  }
  if (!isEnvironmentName(chosen)) {
    throw new Error(
      `-c env=${String(chosen)}: the environments are ${ENVIRONMENT_NAMES.join(', ')}`,
    );
  }
  return [chosen];
};

export const buildApp = (app: App, siteDir = SITE_DIR) => {
  if (!existsSync(`${siteDir}/index.html`)) {
    throw new Error(`No storefront build in ${siteDir}: run \`npm run build\` first`);
  }
  return selectedEnvironments(app).map(
    (name) => new SelloutStage(app, { settings: environments[name], siteDir }),
  );
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const app = new App();
  buildApp(app);
  app.synth();
}
