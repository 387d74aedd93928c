import type { Dictionary } from '.';

/** Every string the shopper sees in the widget, in Chinese: the same keys as en.ts. */
export const zh: Dictionary = {
  widget: {},
  cards: {},
};
