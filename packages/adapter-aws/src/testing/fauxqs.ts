import { startFauxqs } from 'fauxqs';
import { LOCAL_CREDENTIALS } from '../aws-client-options';
import { LOCAL_REGION } from '../dynamodb/dynamodb-local';

/**
 * fauxqs (SQS and S3 on one endpoint, in memory) inside the test process, on a free port:
 * one per test file that needs it, stopped when the file is done. Any credentials do.
 */
export const startLocalSqsAndS3 = async () => {
  // The spy keeps what was sent and uploaded, so tests can count messages and objects.
  const server = await startFauxqs({
    port: 0,
    logger: false,
    messageSpies: { bufferSize: 10_000 },
  });
  return {
    server,
    endpoint: server.address,
    clientOptions: {
      region: LOCAL_REGION,
      endpoint: server.address,
      credentials: LOCAL_CREDENTIALS,
    },
    stop: () => server.stop(),
  };
};
