import {
  LambdaApplication,
  LambdaDeploymentConfig,
  LambdaDeploymentGroup,
} from 'aws-cdk-lib/aws-codedeploy';
import { Construct } from 'constructs';
import type { SelloutFunction } from '../compute/sellout-function';
import type { EnvironmentSettings, FunctionName } from '../environments';
import type { ShopAlarms } from './shop-alarms';

type SafeReleaseProps = {
  settings: EnvironmentSettings;
  functions: Record<FunctionName, SelloutFunction>;
  alarms: ShopAlarms;
};

/**
 * Blue/green for the functions: each deploy publishes a new version, and CodeDeploy moves the
 * `live` alias to it — by canary (10 % of invocations for 5 minutes, then all) where the
 * environment says so — and moves it back by itself if the API's 5xx alarm or the function's
 * error alarm goes off meanwhile. Without a canary the alias moves at once.
 */
export class SafeRelease extends Construct {
  readonly groups: Partial<Record<FunctionName, LambdaDeploymentGroup>> = {};

  constructor(scope: Construct, id: string, props: SafeReleaseProps) {
    super(scope, id);
    const { settings, functions, alarms } = props;
    if (settings.release !== 'canary') return;
    const application = new LambdaApplication(this, 'Application', {
      applicationName: `sellout-${settings.name}`,
    });
    for (const [name, { alias }] of Object.entries(functions) as [
      FunctionName,
      SelloutFunction,
    ][]) {
      this.groups[name] = new LambdaDeploymentGroup(this, `Group-${name}`, {
        application,
        deploymentGroupName: `sellout-${settings.name}-${name}`,
        alias,
        deploymentConfig: LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES,
        alarms: [alarms.http5xx, alarms.functionErrors[name]],
        autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true },
      });
    }
  }
}
