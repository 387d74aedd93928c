import type { z } from 'zod';
import { formatMoney, parseMoney } from '@/lib/commerce/money';
import { couponKey } from '@/lib/commerce/normalize';
import {
  couponSchema,
  customerSchema,
  orderSchema,
  productSchema,
  type StoreFile,
  storeFileSchema,
  warehouseSchema,
} from './format';

/**
 * Checks a store file completely before anything is written: the shape (zod) and the references
 * between records. Every problem is collected, so the merchant fixes the file in one pass.
 */

export type PathSegment = string | number;
export interface StoreIssue {
  path: PathSegment[];
  message: string;
}

export type ValidationResult = { ok: true; file: StoreFile } | { ok: false; issues: string[] };

const SECTION_ORDER = ['meta', 'store', 'warehouses', 'memberLevels', 'products', 'coupons', 'customers', 'orders'];

/** `orders[12].items[0].sku`, `products[3].stock["EAST-1"]`. */
function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out || '(file)';
}

function formatIssue(issue: StoreIssue): string {
  return `${formatPath(issue.path)}: ${issue.message}`;
}

function compareSegments(a: PathSegment | undefined, b: PathSegment | undefined, depth: number): number {
  if (a === undefined || b === undefined) return (a === undefined ? 0 : 1) - (b === undefined ? 0 : 1);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (depth === 0) return SECTION_ORDER.indexOf(String(a)) - SECTION_ORDER.indexOf(String(b));
  return 0; // field names keep the order they were found in (schema order)
}

/** Issues in file order, so the list reads top to bottom like the file. */
function sortIssues(issues: StoreIssue[]): StoreIssue[] {
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((x, y) => {
      const length = Math.max(x.issue.path.length, y.issue.path.length);
      for (let depth = 0; depth < length; depth++) {
        const order = compareSegments(x.issue.path[depth], y.issue.path[depth], depth);
        if (order !== 0) return order;
        if (x.issue.path[depth] !== y.issue.path[depth]) break;
      }
      return x.index - y.index;
    })
    .map(({ issue }) => issue);
}

function zodIssues(error: z.ZodError, prefix: PathSegment[] = []): StoreIssue[] {
  return error.issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment))];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...path, key], message: 'unknown field' }));
    }
    return [{ path, message: issue.message }];
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The elements of a section that parse on their own, with their index; broken ones are reported by zod already. */
function parsedElements<T>(input: Record<string, unknown>, section: string, schema: z.ZodType<T>): Array<[T, number]> {
  const list = input[section];
  if (!Array.isArray(list)) return [];
  const out: Array<[T, number]> = [];
  list.forEach((element, index) => {
    const result = schema.safeParse(element);
    if (result.success) out.push([result.data, index]);
  });
  return out;
}

/** Identifiers declared in a section, even by records that are otherwise broken, so one typo isn't reported twice. */
function declared(input: Record<string, unknown>, section: string, field: string, fold = (value: string) => value) {
  const values = new Set<string>();
  const list = input[section];
  if (Array.isArray(list)) {
    for (const element of list) {
      if (isObject(element) && typeof element[field] === 'string') values.add(fold(element[field]));
    }
  }
  return values;
}

/**
 * Duplicate identifiers among all records of a section that have one, even records that are
 * otherwise broken, so a duplicate is reported alongside the record's other problems.
 */
function checkDuplicates(
  input: Record<string, unknown>,
  section: string,
  field: string,
  label: string,
  issues: StoreIssue[],
  fold: (value: string) => string = (value) => value,
  note = '',
): void {
  const list = input[section];
  if (!Array.isArray(list)) return;
  const seen = new Map<string, number>();
  list.forEach((element, index) => {
    if (!isObject(element) || typeof element[field] !== 'string') return;
    const value = element[field];
    const first = seen.get(fold(value));
    if (first === undefined) seen.set(fold(value), index);
    else
      issues.push({
        path: [section, index, field],
        message: `duplicate ${label} "${value}"${note} (also at ${section}[${first}])`,
      });
  });
}

export function validateStoreFile(input: unknown): ValidationResult {
  const issues: StoreIssue[] = [];
  const parsed = storeFileSchema.safeParse(input);
  if (!parsed.success) issues.push(...zodIssues(parsed.error));
  if (isObject(input)) issues.push(...crossReferenceIssues(input));
  if (issues.length > 0 || !parsed.success) {
    const lines = sortIssues(issues).map(formatIssue);
    return { ok: false, issues: [...new Set(lines)] };
  }
  return { ok: true, file: parsed.data };
}

function crossReferenceIssues(input: Record<string, unknown>): StoreIssue[] {
  const issues: StoreIssue[] = [];
  const warehouseCodes = declared(input, 'warehouses', 'code');
  const levelCodes = declared(input, 'memberLevels', 'code');
  const skus = declared(input, 'products', 'sku');
  const customerIds = declared(input, 'customers', 'id');
  const couponKeys = declared(input, 'coupons', 'code', couponKey);

  const warehouses = parsedElements(input, 'warehouses', warehouseSchema);
  checkDuplicates(input, 'warehouses', 'code', 'warehouse code', issues);
  for (const [warehouse, index] of warehouses) {
    if (warehouse.deliveryDays.min > warehouse.deliveryDays.max) {
      issues.push({
        path: ['warehouses', index, 'deliveryDays'],
        message: `min (${warehouse.deliveryDays.min}) is greater than max (${warehouse.deliveryDays.max})`,
      });
    }
  }

  checkDuplicates(input, 'memberLevels', 'code', 'member level', issues);

  const products = parsedElements(input, 'products', productSchema);
  checkDuplicates(input, 'products', 'sku', 'SKU', issues);
  for (const [product, index] of products) {
    for (const code of Object.keys(product.stock)) {
      if (!warehouseCodes.has(code))
        issues.push({ path: ['products', index, 'stock', code], message: `unknown warehouse "${code}"` });
    }
  }

  const coupons = parsedElements(input, 'coupons', couponSchema);
  checkDuplicates(input, 'coupons', 'code', 'coupon code', issues, couponKey, ' (codes match case-insensitively)');
  for (const [coupon, index] of coupons) {
    const path = ['coupons', index];
    if (coupon.type === 'percent' && parseMoney(coupon.value) > 10000n) {
      issues.push({
        path: [...path, 'value'],
        message: `a percent coupon cannot take more than 100 percent ("${coupon.value}")`,
      });
    }
    if (parseMoney(coupon.value) === 0n) issues.push({ path: [...path, 'value'], message: 'must be more than 0' });
    if (coupon.validFrom && coupon.validUntil && Date.parse(coupon.validFrom) > Date.parse(coupon.validUntil)) {
      issues.push({ path: [...path, 'validUntil'], message: `is before validFrom (${coupon.validFrom})` });
    }
    if (coupon.usageLimit != null && (coupon.timesUsed ?? 0) > coupon.usageLimit) {
      issues.push({
        path: [...path, 'timesUsed'],
        message: `${coupon.timesUsed} is more than usageLimit (${coupon.usageLimit})`,
      });
    }
    (coupon.appliesTo?.skus ?? []).forEach((sku, skuIndex) => {
      if (!skus.has(sku)) issues.push({ path: [...path, 'appliesTo', 'skus', skuIndex], message: `unknown SKU "${sku}"` });
    });
  }

  const customers = parsedElements(input, 'customers', customerSchema);
  checkDuplicates(input, 'customers', 'id', 'customer id', issues);
  for (const [customer, index] of customers) {
    if (customer.memberLevel != null && !levelCodes.has(customer.memberLevel)) {
      issues.push({ path: ['customers', index, 'memberLevel'], message: `unknown member level "${customer.memberLevel}"` });
    }
  }

  const orders = parsedElements(input, 'orders', orderSchema);
  checkDuplicates(input, 'orders', 'id', 'order id', issues);
  for (const [order, index] of orders) {
    const path = ['orders', index];
    if (order.customerId != null && !customerIds.has(order.customerId)) {
      issues.push({ path: [...path, 'customerId'], message: `unknown customer "${order.customerId}"` });
    }
    if (order.couponCode != null && !couponKeys.has(couponKey(order.couponCode))) {
      issues.push({ path: [...path, 'couponCode'], message: `unknown coupon code "${order.couponCode}"` });
    }
    let expected = parseMoney(order.shippingFee);
    order.items.forEach((item, itemIndex) => {
      if (!skus.has(item.sku)) issues.push({ path: [...path, 'items', itemIndex, 'sku'], message: `unknown SKU "${item.sku}"` });
      const lineTotal = parseMoney(item.unitPrice) * BigInt(item.quantity);
      const discount = parseMoney(item.discount);
      if (discount > lineTotal) {
        issues.push({
          path: [...path, 'items', itemIndex, 'discount'],
          message: `"${item.discount}" is more than the line's price (unitPrice × quantity)`,
        });
      }
      expected += lineTotal - discount;
    });
    // Without a coupon the total is fully determined; a coupon can only lower it.
    const total = parseMoney(order.total);
    if (order.couponCode == null && total !== expected) {
      issues.push({
        path: [...path, 'total'],
        message: `"${order.total}" is not items − discounts + shippingFee (${formatMoney(expected)})`,
      });
    } else if (order.couponCode != null && total > expected) {
      issues.push({
        path: [...path, 'total'],
        message: `"${order.total}" is more than items − discounts + shippingFee (${formatMoney(expected)})`,
      });
    }
  }
  return issues;
}
