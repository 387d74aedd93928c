/**
 * Every string the shopper sees in the widget, in English. zh.ts has the same keys (checked by
 * its type). Sections: `widget` (panel, composer, errors, rating) and `cards` (tool results).
 */
export const en = {
  widget: {},
  cards: {},
};
