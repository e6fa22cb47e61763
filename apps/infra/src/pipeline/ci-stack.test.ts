import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { environments } from '../environments';
import { ciTemplate, ENVIRONMENTS, synthesizeAll, synthesizeVariant } from '../testing/synthesized';

describe('the GitHub deploy role (Sellout-<env>-Ci)', () => {
  beforeAll(() => synthesizeAll());

  it("trusts only its repository's jobs in the GitHub environment of the same name, by OIDC", () => {
    for (const env of ENVIRONMENTS) {
      const { githubRepository } = environments[env].ci;
      ciTemplate(env).hasResourceProperties('AWS::IAM::OIDCProvider', {
        Url: 'https://token.actions.githubusercontent.com',
        ClientIdList: ['sts.amazonaws.com'],
      });
      ciTemplate(env).hasResourceProperties('AWS::IAM::Role', {
        RoleName: `sellout-${env}-github-deploy`,
        MaxSessionDuration: 3600,
        AssumeRolePolicyDocument: {
          Statement: [
            {
              Action: 'sts:AssumeRoleWithWebIdentity',
              Effect: 'Allow',
              Principal: { Federated: { Ref: Match.stringLikeRegexp('^GitHubOidc') } },
              Condition: {
                StringEquals: {
                  'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
                  'token.actions.githubusercontent.com:sub': `repo:${githubRepository}:environment:${env}`,
                },
              },
            },
          ],
        },
      });
    }
  });

  it('may do nothing but assume the CDK bootstrap roles of its account and region', () => {
    const policies = Object.values(ciTemplate('prod').findResources('AWS::IAM::Policy'));
    expect(policies).toHaveLength(1);
    expect(policies[0]!.Properties.PolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Resource: {
          'Fn::Join': [
            '',
            [
              'arn:aws:iam::',
              { Ref: 'AWS::AccountId' },
              ':role/cdk-hnb659fds-*-',
              { Ref: 'AWS::AccountId' },
              '-eu-west-1',
            ],
          ],
        },
      },
    ]);
  });

  it("reuses the account's OIDC provider when told one exists", () => {
    const { ci } = synthesizeVariant('staging', (settings) => ({
      ...settings,
      ci: { ...settings.ci, createOidcProvider: false },
    }));
    expect(ci.findResources('AWS::IAM::OIDCProvider')).toEqual({});
    expect(JSON.stringify(ci.toJSON())).toContain(
      ':oidc-provider/token.actions.githubusercontent.com',
    );
  });
});
