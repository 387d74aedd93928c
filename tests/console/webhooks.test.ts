import { describe, expect, it } from 'vitest';
import {
  handleCreateEndpoint,
  handleDeleteEndpoint,
  handleListDeliveries,
  handleListEndpoints,
  handleRedeliver,
  handleRotateSecret,
  handleSendTestEvent,
  handleUpdateEndpoint,
} from '@/lib/console/webhooks';
import type { DeliveryView, EndpointView } from '@/lib/webhooks/endpoints';
import { sessionFor, staffRequest, useStaffHarness } from '../support/staff-harness';
import { testDatabaseKinds } from '../support/test-database';

type ErrorBody = { error: { code: string; message: string } };

describe.each(testDatabaseKinds())('the console’s webhook endpoints API (%s)', (kind) => {
  const staff = useStaffHarness(kind);
  const path = '/api/console/webhooks';

  async function admin(): Promise<string> {
    const { user } = await staff().addStaff({ role: 'admin' });
    return sessionFor(staff().runtime, user);
  }

  it('is for administrators only: 401 signed out, 403 for agents, and nothing is created', async () => {
    const { runtime } = staff();
    const { user } = await staff().addStaff({ role: 'agent' });
    const agent = await sessionFor(runtime, user);
    const body = { url: 'https://erp.example.com/hooks' };
    expect((await handleCreateEndpoint(staffRequest(path, { body }), runtime)).status).toBe(401);
    expect((await handleCreateEndpoint(staffRequest(path, { body, session: agent }), runtime)).status).toBe(403);
    expect((await handleListEndpoints(staffRequest(path, { method: 'GET', session: agent }), runtime)).status).toBe(403);
    expect(await staff().db.webhookEndpoint.count()).toBe(0);
  });

  it('creates an endpoint with default events and shows its secret once, never in the list', async () => {
    const { runtime } = staff();
    const session = await admin();
    const created = await handleCreateEndpoint(
      staffRequest(path, { body: { url: 'https://erp.example.com/hooks', description: 'ERP' }, session }),
      runtime,
    );
    expect(created.status).toBe(201);
    const { endpoint, secret } = (await created.json()) as { endpoint: EndpointView; secret: string };
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(endpoint).toMatchObject({ url: 'https://erp.example.com/hooks', description: 'ERP', enabled: true });
    expect(endpoint.events).toEqual([
      'order.placed',
      'order.cancelled',
      'conversation.handoff_requested',
      'conversation.closed',
      'conversation.rated',
    ]);

    const listed = await handleListEndpoints(staffRequest(path, { method: 'GET', session }), runtime);
    const text = await listed.text();
    expect(text).toContain(endpoint.id);
    expect(text).not.toContain(secret);
    expect(text).not.toContain('whsec_');

    const rotated = await handleRotateSecret(
      staffRequest(`${path}/${endpoint.id}/rotate`, { body: { overlapHours: 2 }, session }),
      runtime,
      endpoint.id,
    );
    const rotation = (await rotated.json()) as { secret: string; previousSecretExpiresAt: string };
    expect(rotation.secret).not.toBe(secret);
    expect(new Date(rotation.previousSecretExpiresAt).getTime() - runtime.now().getTime()).toBe(2 * 60 * 60 * 1000);
    const stored = await staff().db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect([stored.secret, stored.previousSecret]).toEqual([rotation.secret, secret]);

    const changed = await handleUpdateEndpoint(
      staffRequest(`${path}/${endpoint.id}`, {
        method: 'PATCH',
        body: { enabled: false, events: ['tool_call.completed'] },
        session,
      }),
      runtime,
      endpoint.id,
    );
    expect(((await changed.json()) as { endpoint: EndpointView }).endpoint).toMatchObject({
      enabled: false,
      events: ['tool_call.completed'],
    });
  });

  it('refuses a bad URL, an unknown event type or an empty list with 400, and unknown ids with 404', async () => {
    const { runtime, db } = staff();
    const session = await admin();
    const before = await db.webhookEndpoint.count();
    for (const body of [
      { url: 'ftp://erp.example.com' },
      { url: 'not a url' },
      { url: 'https://erp.example.com', events: ['order.exploded'] },
      { url: 'https://erp.example.com', events: [] },
    ]) {
      const response = await handleCreateEndpoint(staffRequest(path, { body, session }), runtime);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(((await response.json()) as ErrorBody).error.code).toBe('bad_request');
    }
    expect(await db.webhookEndpoint.count()).toBe(before);
    expect(
      (await handleDeleteEndpoint(staffRequest(`${path}/we_nope`, { method: 'DELETE', session }), runtime, 'we_nope')).status,
    ).toBe(404);
    expect((await handleSendTestEvent(staffRequest(`${path}/we_nope/test`, { session }), runtime, 'we_nope')).status).toBe(404);
    expect(
      (await handleRedeliver(staffRequest(`${path}/deliveries/dlv_nope/redeliver`, { session }), runtime, 'dlv_nope')).status,
    ).toBe(404);
  });

  it('queues a test event for one endpoint, lists it in the delivery log, and queues it again on redeliver', async () => {
    const { runtime } = staff();
    const session = await admin();
    const created = await handleCreateEndpoint(
      staffRequest(path, { body: { url: 'http://127.0.0.1:9/hooks' }, session }),
      runtime,
    );
    const { endpoint } = (await created.json()) as { endpoint: EndpointView };
    const queued = await handleSendTestEvent(staffRequest(`${path}/${endpoint.id}/test`, { session }), runtime, endpoint.id);
    expect(queued.status).toBe(202);
    const { deliveryId } = (await queued.json()) as { deliveryId: string };

    const log = await handleListDeliveries(
      staffRequest(`${path}/${endpoint.id}/deliveries`, { method: 'GET', session }),
      runtime,
      endpoint.id,
    );
    const { deliveries } = (await log.json()) as { deliveries: DeliveryView[] };
    expect(deliveries).toEqual([
      expect.objectContaining({ id: deliveryId, eventType: 'webhook.test', status: 'pending', attempts: 0, log: [] }),
    ]);

    await staff().db.webhookDelivery.update({ where: { id: deliveryId }, data: { status: 'dead', attempts: 9 } });
    expect(
      (await handleRedeliver(staffRequest(`${path}/deliveries/${deliveryId}/redeliver`, { session }), runtime, deliveryId))
        .status,
    ).toBe(202);
    expect(await staff().db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).toMatchObject({
      status: 'pending',
      attempts: 9,
    });

    expect(
      (await handleDeleteEndpoint(staffRequest(`${path}/${endpoint.id}`, { method: 'DELETE', session }), runtime, endpoint.id))
        .status,
    ).toBe(204);
    expect(await staff().db.webhookDelivery.count({ where: { id: deliveryId } })).toBe(0);
  });
});
