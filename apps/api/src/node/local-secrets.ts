import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureMode, PRIVATE_FILE_MODE } from '@sellout/adapter-local/files/private-files';
import { z } from 'zod';

const secretsSchema = z.object({
  adminToken: z.string().min(16),
  sessionSecret: z.string().min(32),
});
export type LocalSecrets = z.infer<typeof secretsSchema>;

export const SECRETS_FILE = 'secrets.json';

/**
 * The admin token and session key of a local install: taken from the environment when set,
 * otherwise generated once into DATA_DIR (readable by the owner only) and reused after, so
 * guest tokens survive restarts.
 */
export const loadLocalSecrets = (
  dataDir: string,
  fromEnv: { adminToken?: string | undefined; sessionSecret?: string | undefined },
): LocalSecrets & { file: string } => {
  const file = join(dataDir, SECRETS_FILE);
  const stored = existsSync(file)
    ? secretsSchema.parse(JSON.parse(readFileSync(file, 'utf8')))
    : null;
  const secrets = stored ?? {
    adminToken: `adm_${randomBytes(24).toString('base64url')}`,
    sessionSecret: randomBytes(48).toString('base64url'),
  };
  if (stored) ensureMode(file, PRIVATE_FILE_MODE);
  else writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
  return {
    adminToken: fromEnv.adminToken ?? secrets.adminToken,
    sessionSecret: fromEnv.sessionSecret ?? secrets.sessionSecret,
    file,
  };
};
