import { Queue } from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { environments } from './environments';
import { SITE_DIR } from './main-cdk';
import { SelloutStage } from './sellout-stage';
import { ENVIRONMENTS, newApp, synthesizeAll } from './testing/synthesized';

describe('cdk-nag (AwsSolutions) on every environment', () => {
  beforeAll(() => synthesizeAll());

  it('synthesizes dev, staging and prod with no finding left unjustified', () => {
    const { stages, validationReport } = synthesizeAll();
    expect(Object.keys(stages).sort()).toEqual([...ENVIRONMENTS].sort());
    expect(validationReport.pluginReports).toEqual([]);
    for (const [env, stage] of Object.entries(stages)) {
      expect([stage.data.stackName, stage.app.stackName, stage.ci.stackName]).toEqual([
        `Sellout-${env}-Data`,
        `Sellout-${env}-App`,
        `Sellout-${env}-Ci`,
      ]);
    }
  });

  it('fails the synthesis on a finding nobody justified', () => {
    const app = newApp();
    const stage = new SelloutStage(app, { settings: environments.dev, siteDir: SITE_DIR });
    // A queue with no encryption in transit enforced and no dead letters, justified nowhere.
    new Queue(stage.app, 'Unjustified');
    expect(() => app.synth()).toThrow(
      /AwsSolutions-SQS3[\s\S]*Unjustified|Unjustified[\s\S]*AwsSolutions-SQS3/,
    );
  });
});
