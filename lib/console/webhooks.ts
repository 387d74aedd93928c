import { z } from 'zod';
import { staffRoute } from '@/lib/auth/staff-route';
import type { StaffRuntime } from '@/lib/auth/staff-runtime';
import { readJsonBody } from '@/lib/http/json-body';
import {
  createEndpoint,
  deleteEndpoint,
  endpointChangeSchema,
  endpointInputSchema,
  listDeliveries,
  listEndpoints,
  redeliver,
  rotateSecret,
  sendTestEvent,
  updateEndpoint,
} from '@/lib/webhooks/endpoints';
import { DEFAULT_EVENT_TYPES, WEBHOOK_EVENT_TYPES } from '@/lib/webhooks/events';
import { wakeWebhookDispatcher } from '@/lib/webhooks/server';

// The webhook endpoints are the shop's integrations: administrators only.
const ADMIN = { role: 'admin' } as const;
const BODY_LIMIT = 16 * 1024;

const rotateSchema = z.object({
  /** How long the old secret keeps signing beside the new one (0 = stop at once). */
  overlapHours: z
    .number()
    .min(0)
    .max(7 * 24)
    .default(24),
});

/** GET /api/console/webhooks: the endpoints (never their secrets) and the event types there are. */
export function handleListEndpoints(request: Request, runtime: StaffRuntime): Promise<Response> {
  return staffRoute(
    request,
    runtime,
    async (_me, headers) =>
      Response.json(
        { endpoints: await listEndpoints(runtime.db), eventTypes: WEBHOOK_EVENT_TYPES, defaultEventTypes: DEFAULT_EVENT_TYPES },
        { headers },
      ),
    ADMIN,
  );
}

/** POST /api/console/webhooks {url, events?, description?, enabled?} → 201 with the signing secret, shown this once. */
export function handleCreateEndpoint(request: Request, runtime: StaffRuntime): Promise<Response> {
  return staffRoute(
    request,
    runtime,
    async (_me, headers) => {
      const input = await readJsonBody(request, endpointInputSchema, {
        shape: '{ url, events?, description?, enabled? }',
        label: 'webhook endpoint',
        maxBytes: BODY_LIMIT,
      });
      return Response.json(await createEndpoint(runtime.db, input), { status: 201, headers });
    },
    ADMIN,
  );
}

/** PATCH /api/console/webhooks/{id} {url?, events?, description?, enabled?} */
export function handleUpdateEndpoint(request: Request, runtime: StaffRuntime, id: string): Promise<Response> {
  return staffRoute(
    request,
    runtime,
    async (_me, headers) => {
      const change = await readJsonBody(request, endpointChangeSchema, {
        shape: '{ url?, events?, description?, enabled? }',
        label: 'webhook endpoint change',
        maxBytes: BODY_LIMIT,
      });
      return Response.json({ endpoint: await updateEndpoint(runtime.db, id, change) }, { headers });
    },
    ADMIN,
  );
}

/** DELETE /api/console/webhooks/{id} → 204; its delivery log goes with it. */
export function handleDeleteEndpoint(request: Request, runtime: StaffRuntime, id: string): Promise<Response> {
  return staffRoute(
    request,
    runtime,
    async (_me, headers) => {
      await deleteEndpoint(runtime.db, id);
      return new Response(null, { status: 204, headers });
    },
    ADMIN,
  );
}

/** POST /api/console/webhooks/{id}/rotate {overlapHours?} → the new secret, shown this once. */
export function handleRotateSecret(request: Request, runtime: StaffRuntime, id: string): Promise<Response> {
  return staffRoute(
    request,
    runtime,
    async (_me, headers) => {
      const { overlapHours } = await readJsonBody(request, rotateSchema, {
        shape: '{ overlapHours?: 0–168 }',
        label: 'secret rotation',
        maxBytes: BODY_LIMIT,
      });
      return Response.json(await rotateSecret(runtime.db, id, overlapHours * 60 * 60 * 1000, runtime.now()), { headers });
    },
    ADMIN,
  );
}

/** POST /api/console/webhooks/{id}/test → 202: a webhook.test event queued for this endpoint. */
export function handleSendTestEvent(request: Request, runtime: StaffRuntime, id: string): Promise<Response> {
  return staffRoute(
    request,
    runtime,
    async (_me, headers) => {
      const queued = await sendTestEvent(runtime.db, id, runtime.now());
      wakeWebhookDispatcher();
      return Response.json(queued, { status: 202, headers });
    },
    ADMIN,
  );
}

/** GET /api/console/webhooks/{id}/deliveries: the newest 50 deliveries with every attempt. */
export function handleListDeliveries(request: Request, runtime: StaffRuntime, id: string): Promise<Response> {
  return staffRoute(
    request,
    runtime,
    async (_me, headers) => Response.json({ deliveries: await listDeliveries(runtime.db, id) }, { headers }),
    ADMIN,
  );
}

/** POST /api/console/webhooks/deliveries/{id}/redeliver → 202: sent again now, its log continued. */
export function handleRedeliver(request: Request, runtime: StaffRuntime, deliveryId: string): Promise<Response> {
  return staffRoute(
    request,
    runtime,
    async (_me, headers) => {
      await redeliver(runtime.db, deliveryId, runtime.now());
      wakeWebhookDispatcher();
      return new Response(null, { status: 202, headers });
    },
    ADMIN,
  );
}
