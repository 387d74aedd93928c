import { card, field, primaryButton, secondaryButton } from '../transcript-format';

/** The console's shared control styles, and a red one for deleting. */
export { card, field, primaryButton, secondaryButton };

export const dangerButton =
  'rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-700 disabled:opacity-60';

export const dangerOutlineButton =
  'rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-700 disabled:opacity-60';

export const alertText = 'rounded-md bg-red-50 p-2 text-sm text-red-800 ring-1 ring-red-200 empty:hidden';
