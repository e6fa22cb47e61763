/** The encodings the shop sends, best first. */
export type Encoding = 'br' | 'gzip';

/**
 * The best encoding the client accepts (`Accept-Encoding`, q-values honoured: `br;q=0` refuses
 * brotli, `*` stands for any encoding not named), or null for the body as it is.
 */
export const preferredEncoding = (acceptEncoding: string | null | undefined): Encoding | null => {
  if (!acceptEncoding) return null;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    if (name) weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (encoding: Encoding) => weights.get(encoding) ?? weights.get('*') ?? 0;
  const br = weightOf('br');
  const gzip = weightOf('gzip');
  if (br > 0 && br >= gzip) return 'br';
  return gzip > 0 ? 'gzip' : null;
};

const COMPRESSIBLE =
  /^(text\/(?!event-stream)|application\/(json|javascript|xml)|image\/svg\+xml|[^;]+\+(json|xml))/i;

/** Text worth compressing; not images, archives or event streams (which must flow as sent). */
export const isCompressible = (contentType: string | null) =>
  contentType !== null && COMPRESSIBLE.test(contentType);

/** Adds Accept-Encoding to Vary, so a cache keeps the compressed and plain answers apart. */
export const varyOnEncoding = (headers: Headers) => {
  const vary = headers.get('Vary');
  if (
    vary === '*' ||
    vary
      ?.toLowerCase()
      .split(/\s*,\s*/)
      .includes('accept-encoding')
  )
    return;
  headers.set('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
};
