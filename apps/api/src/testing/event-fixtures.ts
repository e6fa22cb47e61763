import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = join(import.meta.dirname, '../lambda/fixtures');

/**
 * A recorded Lambda event from `src/lambda/fixtures`, with its `__PLACEHOLDERS__` (ids and
 * tokens that only exist once a test has made them) replaced. Unknown placeholders fail loudly.
 */
export const eventFixture = <T>(name: string, values: Record<string, string> = {}): T => {
  let text = readFileSync(join(FIXTURES, name), 'utf8');
  for (const [key, value] of Object.entries(values)) text = text.replaceAll(`__${key}__`, value);
  const left = /"[^"]*__[A-Z0-9_]+__[^"]*"/.exec(text.replaceAll(/"__MD5_\d__"/g, '""'));
  if (left) throw new Error(`${name}: no value for ${left[0]}`);
  return JSON.parse(text) as T;
};
