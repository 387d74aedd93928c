// Builds public/widget.js (the storefront loader) from lib/embed/loader.ts and prints its size.
import { writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { buildLoader, LOADER_GZIP_BUDGET_BYTES } from '../lib/embed/build-loader';

const code = await buildLoader();
await writeFile(new URL('../public/widget.js', import.meta.url), code);
const gzipBytes = gzipSync(code, { level: 9 }).length;
console.log(`public/widget.js: ${Buffer.byteLength(code)} bytes, ${gzipBytes} bytes gzip (budget ${LOADER_GZIP_BUDGET_BYTES})`);
if (gzipBytes > LOADER_GZIP_BUDGET_BYTES) console.warn('build-widget: the loader is over its gzip budget.');
