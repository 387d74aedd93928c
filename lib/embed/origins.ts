import { z } from 'zod';
import { isAppOrigin } from '@/lib/http/same-origin';

/**
 * Which storefronts may embed the widget (WIDGET_ALLOWED_ORIGINS). The same list decides the
 * /embed page's `frame-ancestors` and which cross-origin callers the shopper API answers.
 */
export interface EmbedPolicy {
  /** "*": any site may embed the widget (a choice a merchant makes explicitly, never the default). */
  anyOrigin: boolean;
  origins: ReadonlySet<string>;
}

/** An exact http(s) origin ("https://shop.example.com", a trailing slash tolerated), or null. */
export function parseOrigin(value: string): string | null {
  const url = URL.parse(value);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== value.replace(/\/$/, '')) return null;
  return url.origin;
}

const originSchema = z.string().transform((value, ctx) => {
  const origin = parseOrigin(value);
  if (origin === null) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not an origin like https://shop.example.com` });
    return z.NEVER;
  }
  return origin;
});

/** Comma- or space-separated origins, or "*". Unset → only the app's own pages may frame /embed. */
export function embedPolicyFromEnv(value: string | undefined): EmbedPolicy {
  const entries = (value ?? '').split(/[\s,]+/).filter(Boolean);
  if (entries.includes('*')) return { anyOrigin: true, origins: new Set() };
  const parsed = z.array(originSchema).safeParse(entries);
  if (!parsed.success) {
    throw new Error(`Invalid WIDGET_ALLOWED_ORIGINS: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
  }
  return { anyOrigin: false, origins: new Set(parsed.data) };
}

let cached: { value: string | undefined; policy: EmbedPolicy } | null = null;

/** The policy from the environment, parsed once (and again if the variable changes, as in tests). */
export function currentEmbedPolicy(): EmbedPolicy {
  const value = process.env.WIDGET_ALLOWED_ORIGINS;
  if (!cached || cached.value !== value) cached = { value, policy: embedPolicyFromEnv(value) };
  return cached.policy;
}

export function isAllowedEmbedOrigin(policy: EmbedPolicy, origin: string): boolean {
  return policy.anyOrigin || policy.origins.has(origin);
}

/** The value of /embed's `Content-Security-Policy: frame-ancestors …`. */
export function frameAncestors(policy: EmbedPolicy): string {
  if (policy.anyOrigin) return '*';
  return ["'self'", ...policy.origins].join(' ');
}

/**
 * Whether a browser request may reach the shopper API: no Origin header (a server, curl), the
 * app's own origin (the widget inside /embed), or an allowed storefront.
 */
export function isAllowedApiCaller(policy: EmbedPolicy, request: Request): boolean {
  const origin = request.headers.get('origin');
  if (origin === null) return true;
  return isAppOrigin(request, origin) || isAllowedEmbedOrigin(policy, origin);
}
