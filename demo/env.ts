import { z } from 'zod';
import { type Storefront, type StorefrontOptions, startStorefront } from './server';

// A variable set to "" counts as unset (as in `APP_URL= npm run demo`).
const unsetIfBlank = (value: unknown) => (value === '' ? undefined : value);

const envSchema = z.object({
  DEMO_PORT: z.preprocess(
    unsetIfBlank,
    z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535).default(3001),
  ),
  DEMO_HOST: z.preprocess(unsetIfBlank, z.string().default('localhost')),
  APP_URL: z.preprocess(
    unsetIfBlank,
    z
      .url({ protocol: /^https?$/, error: 'must be the app’s http(s) URL, like http://localhost:3000' })
      .default('http://localhost:3000'),
  ),
  SHOPPER_TOKEN_SECRET: z.preprocess(unsetIfBlank, z.string().optional()),
});

function storefrontOptionsFromEnv(env: NodeJS.ProcessEnv): StorefrontOptions {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(`Demo storefront settings: ${z.prettifyError(parsed.error)}`);
  const { DEMO_PORT, DEMO_HOST, APP_URL, SHOPPER_TOKEN_SECRET } = parsed.data;
  return { port: DEMO_PORT, host: DEMO_HOST, appUrl: APP_URL, shopperTokenSecret: SHOPPER_TOKEN_SECRET };
}

/** Starts the storefront the environment describes and says where it is (npm run demo, npm run dev). */
export async function launchStorefront(env: NodeJS.ProcessEnv): Promise<Storefront> {
  const options = storefrontOptionsFromEnv(env);
  const storefront = await startStorefront(options).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new Error(`Demo storefront: port ${options.port} is already in use; choose another with DEMO_PORT.`);
  });
  console.log(`Demo storefront: ${storefront.url} (embedding the chat from ${storefront.appUrl})`);
  if (!options.shopperTokenSecret) {
    console.log('  Sign-in is off: set SHOPPER_TOKEN_SECRET to the app’s value to try signed-in shoppers.');
  }
  return storefront;
}
