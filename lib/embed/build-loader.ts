import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The most public/widget.js may weigh gzipped: it loads on every page of the shop. */
export const LOADER_GZIP_BUDGET_BYTES = 3072;

/**
 * The one line a storefront puts before the async <script> so it can call ShopChat(...) at once:
 * the calls wait in ShopChat.q and the loader replays them in order.
 */
export const QUEUE_STUB =
  'window.ShopChat=window.ShopChat||function(){(window.ShopChat.q=window.ShopChat.q||[]).push(arguments)};';

/** Bundles lib/embed/loader.ts into the code served as /widget.js. */
export async function buildLoader(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./loader.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    // Optional chaining and ?? stay as written (Chrome 80, Safari 13.1, Firefox 74 and later).
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    // ASCII output (the default charset): the Chinese labels stay \u escapes, so the script reads
    // the same on storefronts that serve pages in GBK or Big5.
    write: false,
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced no output for lib/embed/loader.ts');
  return output.text;
}
