import { z } from 'zod';
import type { DeliveryView, EndpointView } from '@/lib/webhooks/endpoints';
import { ConsoleApiError, consoleRequest as request } from '../api';

/** The browser's side of /api/console/webhooks (admins only): each call checks the answer's shape. */

const endpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  createdAt: z.string(),
  previousSecretExpiresAt: z.string().nullable(),
}) satisfies z.ZodType<EndpointView>;

const deliverySchema = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(['pending', 'delivered', 'dead']),
  attempts: z.number(),
  lastStatusCode: z.number().nullable(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
  log: z.array(
    z.object({
      number: z.number(),
      at: z.string(),
      statusCode: z.number().nullable(),
      error: z.string().nullable(),
      durationMs: z.number(),
    }),
  ),
}) satisfies z.ZodType<DeliveryView>;

const BASE = '/api/console/webhooks';
const endpointUrl = (id: string, action?: string) => `${BASE}/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

export interface EndpointInput {
  url: string;
  description: string;
  events: string[];
}

export function fetchEndpoints(): Promise<EndpointView[]> {
  return request(BASE, z.object({ endpoints: z.array(endpointSchema) })).then((body) => body.endpoints);
}

/** The new endpoint and its signing secret: the only time the secret is ever sent. */
export function createEndpoint(input: EndpointInput): Promise<{ endpoint: EndpointView; secret: string }> {
  return request(BASE, z.object({ endpoint: endpointSchema, secret: z.string() }), { method: 'POST', body: input });
}

export function updateEndpoint(id: string, change: Partial<EndpointInput> & { enabled?: boolean }): Promise<EndpointView> {
  return request(endpointUrl(id), z.object({ endpoint: endpointSchema }), { method: 'PATCH', body: change }).then(
    (body) => body.endpoint,
  );
}

export async function deleteEndpoint(id: string): Promise<void> {
  await request(endpointUrl(id), null, { method: 'DELETE' });
}

/** A new secret (shown once); the old one keeps signing beside it for `overlapHours`. */
export function rotateSecret(id: string, overlapHours: number): Promise<{ secret: string; previousSecretExpiresAt: string }> {
  return request(endpointUrl(id, 'rotate'), z.object({ secret: z.string(), previousSecretExpiresAt: z.string() }), {
    method: 'POST',
    body: { overlapHours },
  });
}

export function sendTestEvent(id: string): Promise<{ eventId: string; deliveryId: string }> {
  return request(endpointUrl(id, 'test'), z.object({ eventId: z.string(), deliveryId: z.string() }), {
    method: 'POST',
    body: {},
  });
}

export function fetchDeliveries(endpointId: string): Promise<DeliveryView[]> {
  return request(endpointUrl(endpointId, 'deliveries'), z.object({ deliveries: z.array(deliverySchema) })).then(
    (body) => body.deliveries,
  );
}

export async function redeliver(deliveryId: string): Promise<void> {
  await request(`${BASE}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`, null, { method: 'POST', body: {} });
}

/** What to tell the admin about a failed call. */
export function problemOf(error: unknown): string {
  return error instanceof ConsoleApiError ? error.message : 'Something went wrong. Please try again.';
}
