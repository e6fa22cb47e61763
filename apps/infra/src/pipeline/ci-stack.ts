import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import {
  type IOidcProvider,
  OidcProviderNative,
  OpenIdConnectPrincipal,
  PolicyStatement,
  Role,
} from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import type { EnvironmentSettings } from '../environments';

const GITHUB_ISSUER = 'token.actions.githubusercontent.com';

/** The CDK bootstrap's qualifier (`cdk bootstrap` without --qualifier). */
export const BOOTSTRAP_QUALIFIER = 'hnb659fds';

type CiStackProps = StackProps & { settings: EnvironmentSettings };

/**
 * The role GitHub Actions assumes by OIDC to deploy one environment: only a workflow job of
 * the configured repository running in the GitHub environment of the same name (so behind its
 * protection rules) can take it, for an hour at most, and all it may do is assume the CDK
 * bootstrap roles, which do the deploying. No access key exists anywhere.
 */
export class CiStack extends Stack {
  readonly deployRole: Role;

  constructor(scope: Construct, id: string, props: CiStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const provider: IOidcProvider = settings.ci.createOidcProvider
      ? new OidcProviderNative(this, 'GitHubOidc', {
          url: `https://${GITHUB_ISSUER}`,
          clientIds: ['sts.amazonaws.com'],
        })
      : OidcProviderNative.fromOidcProviderArn(
          this,
          'GitHubOidc',
          `arn:${this.partition}:iam::${this.account}:oidc-provider/${GITHUB_ISSUER}`,
        );
    this.deployRole = new Role(this, 'DeployRole', {
      roleName: `sellout-${settings.name}-github-deploy`,
      description: `GitHub Actions (${settings.ci.githubRepository}, environment ${settings.name}) deploys Sellout-${settings.name}`,
      maxSessionDuration: Duration.hours(1),
      assumedBy: new OpenIdConnectPrincipal(provider, {
        StringEquals: {
          [`${GITHUB_ISSUER}:aud`]: 'sts.amazonaws.com',
          [`${GITHUB_ISSUER}:sub`]: `repo:${settings.ci.githubRepository}:environment:${settings.name}`,
        },
      }),
    });
    this.deployRole.addToPolicy(
      new PolicyStatement({
        actions: ['sts:AssumeRole'],
        resources: [
          `arn:${this.partition}:iam::${this.account}:role/cdk-${BOOTSTRAP_QUALIFIER}-*-${this.account}-${this.region}`,
        ],
      }),
    );
    new CfnOutput(this, 'DeployRoleArn', {
      description: 'The GitHub environment variable AWS_DEPLOY_ROLE_ARN',
      value: this.deployRole.roleArn,
    });
  }
}
