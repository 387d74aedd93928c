/** The secret the e2e server verifies shopper tokens with (a storefront backend would hold it). */
export const E2E_SHOPPER_TOKEN_SECRET = 'e2e-shopper-token-secret-0123456789abcdef';

/** The app and the demo storefront on two ports: two origins, as a real embedding has. */
export const APP_PORT = Number(process.env.E2E_PORT ?? 3100);
export const APP_URL = `http://127.0.0.1:${APP_PORT}`;
export const STOREFRONT_PORT = APP_PORT + 1;
export const STOREFRONT_URL = `http://127.0.0.1:${STOREFRONT_PORT}`;

/**
 * The staff account the console tests sign in with. playwright.config.ts creates it with
 * `npm run staff:add` on the server's fresh database before the server starts; its password is
 * new every run and lives in the file E2E_STAFF_PASSWORD_FILE names.
 */
export const E2E_STAFF = { email: 'e2e.admin@shop.example', name: 'E2E Admin' } as const;
