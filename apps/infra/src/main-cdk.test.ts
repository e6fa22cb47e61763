import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_NAMES } from './environments';
import { buildApp, selectedEnvironments } from './main-cdk';

describe('choosing the environments to synthesize', () => {
  it('takes all three by default (CI synthesizes them all), one with -c env=<name>', () => {
    expect(selectedEnvironments(new App())).toEqual([...ENVIRONMENT_NAMES]);
    expect(selectedEnvironments(new App({ context: { env: 'staging' } }))).toEqual(['staging']);
  });

  it('refuses an unknown environment, and a deploy that names none', () => {
    expect(() => selectedEnvironments(new App({ context: { env: 'qa' } }))).toThrow(
      '-c env=qa: the environments are dev, staging, prod',
    );
    expect(() => selectedEnvironments(new App({ context: { requireEnv: 'true' } }))).toThrow(
      'Name the environment to deploy: -c env=dev|staging|prod',
    );
  });

  it('says how to get the storefront build when there is none', () => {
    expect(() => buildApp(new App(), '/nonexistent')).toThrow('run `npm run build` first');
  });
});
