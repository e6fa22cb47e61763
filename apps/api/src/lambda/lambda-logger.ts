import { pino } from 'pino';
import type { LambdaConfig, LambdaRole } from './lambda-config';

/** JSON lines on stdout, which Lambda sends to CloudWatch Logs; one `function` field per role. */
export const lambdaLogger = (config: LambdaConfig, role: LambdaRole) =>
  pino({ level: config.LOG_LEVEL, base: { function: role } });
