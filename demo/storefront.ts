// npm run demo: the demo storefront alone, embedding the chat of an app that is already running (APP_URL).
import { launchStorefront } from './env';

try {
  await launchStorefront(process.env);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
