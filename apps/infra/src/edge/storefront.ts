import { apiHeaders, storefrontHeaders } from '@sellout/api/http/security-headers';
import { storefrontCacheControl } from '@sellout/api/node/static-site';
import { Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { EnvironmentSettings } from '../environments';
import { createPrivateBucket } from '../storage/private-bucket';
import { responseHeadersPolicyProps } from './response-headers';
import { liveRewriteCode, spaFallbackCode } from './viewer-functions';

/** The WebSocket API's stage: `/api/live` is rewritten to its path. */
export const LIVE_STAGE_NAME = 'live';

type StorefrontProps = {
  settings: EnvironmentSettings;
  /** The storefront build (`npm run build` writes apps/web/dist). */
  siteDir: string;
  httpApiId: string;
  webSocketApiId: string;
  logs: Bucket;
};

/** API Gateway's own host for an API of this stack's region. */
const executeApiHost = (scope: Construct, apiId: string) =>
  Fn.join('', [apiId, '.execute-api.', Stack.of(scope).region, '.', Stack.of(scope).urlSuffix]);

/**
 * The shop's one origin for browsers: the storefront from a private bucket (Origin Access
 * Control), `/api/live` to the WebSocket API and `/api/*` to the HTTP API, so the storefront
 * calls its API on its own host (no CORS) exactly as on one machine. HTTPS only.
 */
export class Storefront extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: StorefrontProps) {
    super(scope, id);
    const { settings, logs } = props;
    const domain = settings.domain;

    this.bucket = createPrivateBucket(this, 'Site', settings, logs);

    const pageHeaders = new ResponseHeadersPolicy(
      this,
      'PageHeaders',
      responseHeadersPolicyProps(storefrontHeaders(domain?.name), {
        override: true,
        comment: 'Sellout storefront: the headers of apps/api/src/http/security-headers.ts',
      }),
    );
    const answerHeaders = new ResponseHeadersPolicy(
      this,
      'ApiHeaders',
      responseHeadersPolicyProps(apiHeaders, {
        override: false,
        comment: 'Sellout API: HSTS, and its own headers where an answer lacks them',
      }),
    );

    const apiOrigin = new HttpOrigin(executeApiHost(this, props.httpApiId), {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
    });
    const liveOrigin = new HttpOrigin(executeApiHost(this, props.webSocketApiId), {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
    });
    // Every viewer header but Host (API Gateway routes by its own), the query and the
    // CloudFront-Viewer-Address the API reads the shopper's address from.
    const toApi = {
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: answerHeaders,
    };

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Sellout ${settings.name}`,
      httpVersion: HttpVersion.HTTP2_AND_3,
      defaultRootObject: 'index.html',
      ...(domain
        ? {
            domainNames: [domain.name],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', domain.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: pageHeaders,
        compress: true,
        functionAssociations: [
          {
            eventType: FunctionEventType.VIEWER_REQUEST,
            function: new EdgeFunction(this, 'SpaFallback', {
              code: FunctionCode.fromInline(spaFallbackCode),
              runtime: FunctionRuntime.JS_2_0,
              comment: 'Pages of the single-page app get index.html',
            }),
          },
        ],
      },
      // In order: CloudFront takes the first pattern that matches, so /api/live comes first.
      additionalBehaviors: {
        '/api/live': {
          ...toApi,
          origin: liveOrigin,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          functionAssociations: [
            {
              eventType: FunctionEventType.VIEWER_REQUEST,
              function: new EdgeFunction(this, 'LiveRewrite', {
                code: FunctionCode.fromInline(liveRewriteCode(LIVE_STAGE_NAME)),
                runtime: FunctionRuntime.JS_2_0,
                comment: '/api/live is the WebSocket stage path',
              }),
            },
          ],
        },
        '/api/*': { ...toApi, origin: apiOrigin, allowedMethods: AllowedMethods.ALLOW_ALL },
      },
    });

    // Hashed assets first (a new index.html never names a file not uploaded yet), then the
    // other files, then the page. Old assets stay (no prune): a tab open on the previous
    // release still loads its chunks.
    const site = Source.asset(props.siteDir, { exclude: ['*.br', '*.gz'] });
    // The uploads share one custom-resource function: its logs are kept like the shop's.
    const uploadLogs = new LogGroup(this, 'UploadLogs', {
      retention: settings.logRetentionDays,
      removalPolicy:
        settings.removalPolicy === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const upload = (id: string, path: string, filter: { include?: string[]; exclude: string[] }) =>
      new BucketDeployment(this, id, {
        sources: [site],
        destinationBucket: this.bucket,
        prune: false,
        logGroup: uploadLogs,
        ...filter,
        cacheControl: [CacheControl.fromString(storefrontCacheControl(path))],
      });
    const assets = upload('Assets', '/assets/', { exclude: ['*'], include: ['assets/*'] });
    const files = upload('Files', '/favicon.svg', { exclude: ['assets/*', 'index.html'] });
    files.node.addDependency(assets);
    const page = new BucketDeployment(this, 'Page', {
      sources: [site],
      destinationBucket: this.bucket,
      prune: false,
      logGroup: uploadLogs,
      exclude: ['*'],
      include: ['index.html'],
      cacheControl: [CacheControl.fromString(storefrontCacheControl('/index.html'))],
      distribution: this.distribution,
      distributionPaths: ['/index.html'],
    });
    page.node.addDependency(files);
  }
}
