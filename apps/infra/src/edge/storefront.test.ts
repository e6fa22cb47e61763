import { apiHeaders, storefrontHeaders } from '@sellout/api/http/security-headers';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { environments } from '../environments';
import {
  appTemplate,
  type CfnJson,
  ENVIRONMENTS,
  synthesizeAll,
  synthesizeVariant,
} from '../testing/synthesized';
import { LIVE_STAGE_NAME } from './storefront';
import { liveRewriteCode, spaFallbackCode } from './viewer-functions';

type Behavior = Record<string, unknown> & { PathPattern?: string; TargetOriginId: string };
type Origin = { Id: string; DomainName: unknown; OriginAccessControlId?: unknown };

const distributionOf = (env: (typeof ENVIRONMENTS)[number]) => {
  const [distribution] = Object.values(
    appTemplate(env).findResources('AWS::CloudFront::Distribution'),
  );
  return distribution!.Properties.DistributionConfig as {
    DefaultCacheBehavior: Behavior;
    CacheBehaviors: Behavior[];
    Origins: Origin[];
    Aliases?: string[];
    ViewerCertificate?: Record<string, unknown>;
  };
};

const originOf = (config: ReturnType<typeof distributionOf>, behavior: Behavior) =>
  config.Origins.find((origin) => origin.Id === behavior.TargetOriginId)!;

/** Runs a CloudFront Function's source on a viewer-request event of CloudFront's shape. */
const runViewerRequest = (code: string, uri: string, querystring: Record<string, unknown> = {}) => {
  const handler = new Function(`${code}\nreturn handler;`)() as (event: unknown) => {
    uri: string;
    querystring: unknown;
  };
  return handler({ version: '1.0', request: { method: 'GET', uri, querystring, headers: {} } });
};

/** A response headers policy as the header name → value pairs a browser gets. */
const headersOf = (policyConfig: CfnJson) => {
  const security = policyConfig.SecurityHeadersConfig;
  const sent: Record<string, string> = {
    'Strict-Transport-Security': `max-age=${security.StrictTransportSecurity.AccessControlMaxAgeSec}${security.StrictTransportSecurity.IncludeSubdomains ? '; includeSubDomains' : ''}`,
  };
  if (security.ContentSecurityPolicy)
    sent['Content-Security-Policy'] = security.ContentSecurityPolicy.ContentSecurityPolicy;
  if (security.ContentTypeOptions) sent['X-Content-Type-Options'] = 'nosniff';
  if (security.FrameOptions) sent['X-Frame-Options'] = security.FrameOptions.FrameOption;
  if (security.ReferrerPolicy) sent['Referrer-Policy'] = security.ReferrerPolicy.ReferrerPolicy;
  for (const { Header, Value } of policyConfig.CustomHeadersConfig?.Items ?? [])
    sent[Header] = Value;
  return sent;
};

const policyFor = (env: (typeof ENVIRONMENTS)[number], behavior: Behavior) => {
  const ref = (behavior.ResponseHeadersPolicyId as { Ref: string }).Ref;
  return appTemplate(env).toJSON().Resources[ref].Properties.ResponseHeadersPolicyConfig;
};

describe('the storefront edge (CloudFront)', () => {
  beforeAll(() => synthesizeAll());

  it('routes /api/live to the WebSocket API, then /api/* to the HTTP API, in that order', () => {
    for (const env of ENVIRONMENTS) {
      const config = distributionOf(env);
      expect(config.CacheBehaviors.map((b) => b.PathPattern)).toEqual(['/api/live', '/api/*']);
      const [live, api] = config.CacheBehaviors as [Behavior, Behavior];
      expect(JSON.stringify(originOf(config, live).DomainName)).toContain('WebSocketApi');
      expect(JSON.stringify(originOf(config, api).DomainName)).toContain('HttpApi');
      for (const behavior of [live, api]) {
        expect(behavior).toMatchObject({
          ViewerProtocolPolicy: 'https-only',
          // CachingDisabled and AllViewerExceptHostHeader (managed policies).
          CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
          OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
        });
        expect(originOf(config, behavior)).toMatchObject({
          CustomOriginConfig: {
            OriginProtocolPolicy: 'https-only',
            OriginSSLProtocols: ['TLSv1.2'],
          },
        });
      }
      expect(api.AllowedMethods).toEqual(
        expect.arrayContaining(['POST', 'PUT', 'PATCH', 'DELETE']),
      );
    }
  });

  it('turns /api/live into the WebSocket stage path, keeping the token query', () => {
    const request = runViewerRequest(liveRewriteCode(LIVE_STAGE_NAME), '/api/live', {
      token: { value: 't.abc' },
    });
    expect(request.uri).toBe('/live');
    expect(request.querystring).toEqual({ token: { value: 't.abc' } });
    appTemplate('prod').hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      ApiId: { Ref: Match.stringLikeRegexp('^WebSocketApi') },
      StageName: LIVE_STAGE_NAME,
    });
    appTemplate('prod').hasResourceProperties('AWS::CloudFront::Function', {
      FunctionCode: liveRewriteCode(LIVE_STAGE_NAME),
      FunctionConfig: Match.objectLike({ Runtime: 'cloudfront-js-2.0' }),
    });
  });

  it('serves the storefront from the private bucket through Origin Access Control, index.html for its pages', () => {
    const config = distributionOf('prod');
    expect(originOf(config, config.DefaultCacheBehavior).OriginAccessControlId).toBeDefined();
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    appTemplate('prod').hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
      }),
    });
    const page = (uri: string) => runViewerRequest(spaFallbackCode, uri).uri;
    expect(page('/')).toBe('/index.html');
    expect(page('/products/p_123')).toBe('/index.html');
    expect(page('/orders/o_1/')).toBe('/index.html');
    expect(page('/assets/index-abc123.js')).toBe('/assets/index-abc123.js');
    expect(page('/favicon.svg')).toBe('/favicon.svg');
  });

  it("sends the storefront the headers of the API's own security-headers.ts, plus HSTS", () => {
    for (const env of ENVIRONMENTS) {
      const config = distributionOf(env);
      const page = headersOf(policyFor(env, config.DefaultCacheBehavior));
      const expected = storefrontHeaders(environments[env].domain?.name);
      for (const [name, value] of Object.entries(expected)) expect(page[name], name).toBe(value);
      expect(page['Strict-Transport-Security']).toBe('max-age=63072000; includeSubDomains');
      expect(page['Content-Security-Policy']).toContain("script-src 'self'");
      const api = headersOf(policyFor(env, config.CacheBehaviors[1]!));
      for (const [name, value] of Object.entries(apiHeaders)) expect(api[name], name).toBe(value);
    }
  });

  it('uploads the build with the same cache policy as the Node server', () => {
    const deployments = Object.values(
      appTemplate('prod').findResources('Custom::CDKBucketDeployment'),
    );
    const cacheOf = (include: string) =>
      deployments.find((d) => JSON.stringify(d.Properties.Include) === JSON.stringify([include]))
        ?.Properties.SystemMetadata?.['cache-control'];
    expect(cacheOf('assets/*')).toBe('public, max-age=31536000, immutable');
    expect(cacheOf('index.html')).toBe('no-cache');
    expect(deployments.every((d) => d.Properties.Prune === false)).toBe(true);
  });

  it('throttles each API stage as the environment says', () => {
    for (const env of ENVIRONMENTS) {
      const { throttle } = environments[env];
      for (const [api, limits] of [
        ['^HttpApi', throttle.http],
        ['^WebSocketApi', throttle.webSocket],
      ] as const) {
        appTemplate(env).hasResourceProperties('AWS::ApiGatewayV2::Stage', {
          ApiId: { Ref: Match.stringLikeRegexp(api) },
          DefaultRouteSettings: {
            ThrottlingRateLimit: limits.rateLimit,
            ThrottlingBurstLimit: limits.burstLimit,
          },
          AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
        });
      }
    }
  });

  it("has the WebSocket API's $connect, $disconnect and $default routes, and the HTTP API's catch-all", () => {
    const routes = Object.values(appTemplate('dev').findResources('AWS::ApiGatewayV2::Route'));
    expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual(
      ['$connect', '$default', '$disconnect', '$default'].sort(),
    );
  });

  it('with a custom domain: its certificate, TLS 1.2 at least, and the live socket named in the CSP', () => {
    const { app } = synthesizeVariant('prod', (settings) => ({
      ...settings,
      domain: {
        name: 'shop.example.com',
        certificateArn:
          'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000',
      },
    }));
    app.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['shop.example.com'],
        ViewerCertificate: Match.objectLike({
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        }),
      }),
    });
    app.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: {
            ContentSecurityPolicy: storefrontHeaders('shop.example.com')['Content-Security-Policy'],
            Override: true,
          },
        }),
      }),
    });
    expect(storefrontHeaders('shop.example.com')['Content-Security-Policy']).toContain(
      "connect-src 'self' ws://shop.example.com wss://shop.example.com",
    );
  });
});
