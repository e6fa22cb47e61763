import { buildApp } from 'fauxqs';
import { serveUntilParentGoes } from './serve-until-parent-goes';

/**
 * fauxqs (SQS and S3 on one endpoint, in memory) as a child of `npm run start:aws-local`, on
 * 127.0.0.1 only (its CLI listens on every interface). Queue URLs take the form
 * http://sqs.<region>.localhost:<port>/000000000000/<name>; clients reach them through the
 * endpoint, never through that host name.
 */
await serveUntilParentGoes(async () => {
  const app = buildApp({ logger: false, defaultRegion: process.env.AWS_REGION ?? 'us-east-1' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return app.server;
});
