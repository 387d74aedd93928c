/**
 * How shoppers' text is folded before it is compared with the store's identifiers and names:
 * full-width to half-width (NFKC), case, spaces and punctuation are ignored. The same folding is
 * applied when rows are written (lookup keys) and when shoppers' queries are read.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** Words folded separately, so trigram matching keeps word boundaries. */
export function foldWords(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[\s\p{P}\p{S}]+/u)
    .filter(Boolean)
    .join(' ');
}

export const skuKey = foldText;
export const trackingKey = foldText;

/** Coupon codes match case-insensitively and nothing else is forgiven. */
export function couponKey(code: string): string {
  return code.normalize('NFKC').trim().toUpperCase();
}

/** What product search matches against: the SKU, the name and every alias. */
export function productSearchText(product: { sku: string; name: string; aliases: readonly string[] }): string {
  return [product.sku, product.name, ...product.aliases]
    .flatMap((text) => [foldText(text), foldWords(text)])
    .filter((value, index, all) => value && all.indexOf(value) === index)
    .join(' ');
}

/** Emails compare case-insensitively, phone numbers by their digits only. */
export function emailKey(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

export function phoneKey(phone: string): string {
  return phone.normalize('NFKC').replace(/\D/g, '');
}
