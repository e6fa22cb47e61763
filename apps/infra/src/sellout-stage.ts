import { Stage, type StageProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { Construct } from 'constructs';
import { AppStack } from './app/app-stack';
import { DataStack } from './data/data-stack';
import type { EnvironmentSettings } from './environments';
import { suppressJustifiedFindings } from './nag/justified-findings';
import { CiStack } from './pipeline/ci-stack';

type SelloutStageProps = StageProps & {
  settings: EnvironmentSettings;
  /** The storefront build (apps/web/dist). */
  siteDir: string;
};

/** `Sellout-<env>-`: the prefix of every CloudFormation stack of an environment. */
export const stackPrefix = (settings: EnvironmentSettings) => `Sellout-${settings.name}`;

/**
 * One environment: its data stack, its app stack and the CI deploy role, checked by cdk-nag's AwsSolutions pack,
 * where every finding left is one the code answers for in nag/justified-findings.ts.
 */
export class SelloutStage extends Stage {
  readonly settings: EnvironmentSettings;
  readonly data: DataStack;
  readonly app: AppStack;
  readonly ci: CiStack;

  constructor(scope: Construct, props: SelloutStageProps) {
    const { settings } = props;
    super(scope, stackPrefix(settings), {
      // The account is whatever the deploying credentials are (none needed to synthesize).
      env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: settings.region },
      ...props,
    });
    this.settings = settings;
    const prefix = stackPrefix(settings);
    this.data = new DataStack(this, 'Data', {
      stackName: `${prefix}-Data`,
      description: `Sellout ${settings.name}: tables, order queue, invoices`,
      terminationProtection: settings.removalPolicy === 'retain',
      settings,
    });
    this.app = new AppStack(this, 'App', {
      stackName: `${prefix}-App`,
      description: `Sellout ${settings.name}: functions, APIs, storefront, alarms`,
      settings,
      data: this.data,
      siteDir: props.siteDir,
    });
    this.ci = new CiStack(this, 'Ci', {
      stackName: `${prefix}-Ci`,
      description: `Sellout ${settings.name}: the role GitHub Actions deploys with (OIDC)`,
      settings,
    });
    suppressJustifiedFindings(this.app, this.ci, settings);
    Validations.of(this).addPlugins(new AwsSolutionsChecks(this, { verbose: true }));
  }
}
