import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Files worth compressing; images other than SVG are compressed already. */
const TEXT = /\.(js|mjs|css|html|svg|json|txt|xml|webmanifest)$/;
/** Below this a compressed copy saves less than it costs. */
const FROM_BYTES = 1024;

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));

/**
 * Writes `x.br` (brotli, best quality) and `x.gz` (gzip -9) beside every text file of the build,
 * public files included, so the server sends them as they are instead of compressing the same
 * bytes on every request.
 */
export const precompress = (): Plugin => ({
  name: 'sellout:precompress',
  apply: 'build',
  writeBundle(options) {
    if (!options.dir) return;
    for (const file of filesUnder(options.dir)) {
      if (!TEXT.test(file) || statSync(file).size < FROM_BYTES) continue;
      const content = readFileSync(file);
      writeFileSync(
        `${file}.br`,
        brotliCompressSync(content, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: content.byteLength,
          },
        }),
      );
      writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
    }
  },
});
