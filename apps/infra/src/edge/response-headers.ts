import { Duration } from 'aws-cdk-lib';
import {
  HeadersFrameOption,
  HeadersReferrerPolicy,
  type ResponseHeadersPolicyProps,
} from 'aws-cdk-lib/aws-cloudfront';

/** Two years, subdomains included: the shop is served over HTTPS only. */
export const HSTS_MAX_AGE = Duration.days(730);

const frameOption = (value: string) => {
  const option = { DENY: HeadersFrameOption.DENY, SAMEORIGIN: HeadersFrameOption.SAMEORIGIN }[
    value
  ];
  if (!option) throw new Error(`X-Frame-Options ${value} has no CloudFront equivalent`);
  return option;
};

const referrerPolicy = (value: string) => {
  const policy = Object.values(HeadersReferrerPolicy).find((known) => known === value);
  if (!policy) throw new Error(`Referrer-Policy ${value} has no CloudFront equivalent`);
  return policy;
};

/**
 * A CloudFront response headers policy that sends `headers` (the API's own, from
 * apps/api/src/http/security-headers.ts) plus HSTS. CloudFront takes the security headers as
 * typed fields and refuses them as custom headers, so each known one is mapped and any other
 * goes as a custom header. `override: false` leaves a header the origin already sent alone
 * (the API's answers carry their own); the storefront's files come from S3, which sends none.
 */
export const responseHeadersPolicyProps = (
  headers: Record<string, string>,
  { override, comment }: { override: boolean; comment: string },
): ResponseHeadersPolicyProps => {
  const custom = Object.entries(headers).filter(
    ([name]) =>
      ![
        'Content-Security-Policy',
        'X-Content-Type-Options',
        'X-Frame-Options',
        'Referrer-Policy',
      ].includes(name),
  );
  const csp = headers['Content-Security-Policy'];
  const frame = headers['X-Frame-Options'];
  const referrer = headers['Referrer-Policy'];
  return {
    comment,
    securityHeadersBehavior: {
      strictTransportSecurity: {
        accessControlMaxAge: HSTS_MAX_AGE,
        includeSubdomains: true,
        override: true,
      },
      ...(csp ? { contentSecurityPolicy: { contentSecurityPolicy: csp, override } } : {}),
      ...(headers['X-Content-Type-Options'] === 'nosniff'
        ? { contentTypeOptions: { override } }
        : {}),
      ...(frame ? { frameOptions: { frameOption: frameOption(frame), override } } : {}),
      ...(referrer
        ? { referrerPolicy: { referrerPolicy: referrerPolicy(referrer), override } }
        : {}),
    },
    ...(custom.length > 0
      ? {
          customHeadersBehavior: {
            customHeaders: custom.map(([header, value]) => ({ header, value, override })),
          },
        }
      : {}),
  };
};
