import type { Context } from 'hono';
import type { AppEnv } from '../app-deps';
import { sendFailure, validationFailed } from './errors';

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;
// Not streaming, so one decoder serves every request.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Bodies are UTF-8 JSON (DESIGN §8). A declared charset other than UTF-8 is refused with 415,
 * and bytes that are not UTF-8 with 400 — instead of letting them turn into U+FFFD in a name or
 * an address. Runs after authentication, like all body checks; answers the refusal, if any.
 */
export const utf8BodyRefusal = async (c: Context<AppEnv>): Promise<Response | null> => {
  const type = c.req.header('Content-Type');
  if (c.req.method === 'GET' || !type) return null;
  const charset = CHARSET.exec(type)?.[1]?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    return sendFailure(c, {
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: `Send the body as UTF-8 JSON, not ${charset} ("Content-Type: application/json").`,
    });
  }
  // Read once here. The text is handed to Hono's body cache, so the JSON validator that
  // follows parses it as it is instead of decoding the bytes again through a new Response.
  const bytes = await c.req.arrayBuffer();
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return sendFailure(c, validationFailed([{ path: '', message: 'the body is not valid UTF-8' }]));
  }
  // Hono keeps promises in its body cache (its type says strings).
  (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve(text);
  return null;
};
