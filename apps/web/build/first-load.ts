import { gzipSync } from 'node:zlib';
import type { Plugin, Rollup } from 'vite';

type OutputBundle = Rollup.OutputBundle;
type OutputChunk = Rollup.OutputChunk;

/** The most gzipped JavaScript a first visit to the storefront may download. */
export const FIRST_LOAD_BUDGET_BYTES = 100 * 1024;

/** Where the admin console lives: never part of what a shopper's first visit loads. */
export const ADMIN_SOURCES = /\/apps\/web\/src\/admin\//;

export type FirstLoad = {
  /** The entry chunk and every chunk it imports statically: what runs before the shop shows. */
  files: string[];
  gzipBytes: number;
  rawBytes: number;
  /** Source modules bundled into those chunks. */
  modules: string[];
};

const gzippedSize = (code: string) => gzipSync(code, { level: 9 }).byteLength;

/**
 * The chunks a first visit loads: the entry and its static imports, transitively. Routes split
 * off with `lazy()` and other dynamic imports are fetched later, when they are needed.
 */
export const firstLoadOf = (bundle: OutputBundle): FirstLoad => {
  const chunks = new Map(
    Object.values(bundle)
      .filter((output): output is OutputChunk => output.type === 'chunk')
      .map((chunk) => [chunk.fileName, chunk]),
  );
  const seen = new Set<string>();
  const visit = (fileName: string) => {
    if (seen.has(fileName) || !chunks.has(fileName)) return;
    seen.add(fileName);
    for (const imported of chunks.get(fileName)!.imports) visit(imported);
  };
  for (const chunk of chunks.values()) if (chunk.isEntry) visit(chunk.fileName);
  const loaded = [...seen].map((fileName) => chunks.get(fileName)!);
  return {
    files: [...seen],
    gzipBytes: loaded.reduce((sum, chunk) => sum + gzippedSize(chunk.code), 0),
    rawBytes: loaded.reduce((sum, chunk) => sum + Buffer.byteLength(chunk.code), 0),
    modules: loaded.flatMap((chunk) => chunk.moduleIds),
  };
};

/** Every chunk's gzipped size together: what a visit of every page would download. */
const allJavaScriptOf = (bundle: OutputBundle) => {
  const chunks = Object.values(bundle).filter((o): o is OutputChunk => o.type === 'chunk');
  return {
    files: chunks.length,
    gzipBytes: chunks.reduce((sum, chunk) => sum + gzippedSize(chunk.code), 0),
  };
};

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/**
 * Prints the gzipped JavaScript of a shopper's first visit (and of the whole storefront), so a
 * build shows at a glance whether a change made the shop heavier.
 */
export const reportFirstLoad = (): Plugin => ({
  name: 'sellout:report-first-load',
  apply: 'build',
  generateBundle(_options, bundle) {
    const first = firstLoadOf(bundle);
    const all = allJavaScriptOf(bundle);
    console.log(
      `\nShopper first load: ${kib(first.gzipBytes)} gzipped JavaScript ` +
        `(${kib(first.rawBytes)} raw, ${first.files.length} file(s); budget ${kib(FIRST_LOAD_BUDGET_BYTES)})` +
        `\nAll JavaScript: ${kib(all.gzipBytes)} gzipped in ${all.files} file(s), the rest loaded by the page that needs it\n`,
    );
  },
});
