/** The secret the e2e server verifies shopper tokens with (a storefront backend would hold it). */
export const E2E_SHOPPER_TOKEN_SECRET = 'e2e-shopper-token-secret-0123456789abcdef';
