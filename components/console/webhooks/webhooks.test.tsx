// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeliveryView, EndpointView } from '@/lib/webhooks/endpoints';
import { DeliveryLog } from './delivery-log';
import { EndpointForm } from './endpoint-form';
import { WebhooksConsole } from './webhooks-console';

const TZ = 'Asia/Shanghai';

const ENDPOINT: EndpointView = {
  id: 'we_1',
  url: 'https://erp.example.com/hooks',
  description: 'ERP',
  events: ['order.placed', 'order.cancelled'],
  enabled: true,
  createdAt: '2026-06-01T04:00:00.000Z',
  previousSecretExpiresAt: null,
};

const DELIVERED: DeliveryView = {
  id: 'dlv_1',
  eventId: 'evt_1',
  eventType: 'order.placed',
  status: 'delivered',
  attempts: 1,
  lastStatusCode: 200,
  lastError: null,
  lastAttemptAt: '2026-06-01T04:00:01.000Z',
  nextAttemptAt: null,
  deliveredAt: '2026-06-01T04:00:01.000Z',
  createdAt: '2026-06-01T04:00:00.000Z',
  log: [{ number: 1, at: '2026-06-01T04:00:01.000Z', statusCode: 200, error: null, durationMs: 42 }],
};

const PENDING: DeliveryView = {
  id: 'dlv_2',
  eventId: 'evt_2',
  eventType: 'webhook.test',
  status: 'pending',
  attempts: 2,
  lastStatusCode: 500,
  lastError: 'HTTP 500',
  lastAttemptAt: '2026-06-01T05:00:00.000Z',
  nextAttemptAt: '2026-06-01T05:01:00.000Z',
  deliveredAt: null,
  createdAt: '2026-06-01T04:59:00.000Z',
  log: [
    { number: 1, at: '2026-06-01T04:59:00.000Z', statusCode: null, error: 'TypeError: fetch failed', durationMs: 3 },
    { number: 2, at: '2026-06-01T05:00:00.000Z', statusCode: 500, error: 'HTTP 500', durationMs: 1500 },
  ],
};

const DEAD: DeliveryView = { ...PENDING, id: 'dlv_3', eventId: 'evt_3', status: 'dead', nextAttemptAt: null };

/** The API, in memory: what the page sends, and answers as /api/console/webhooks gives them. */
let endpoints: EndpointView[];
let deliveries: Record<string, DeliveryView[]>;
let calls: { method: string; url: string; body: unknown }[];

const error = (status: number, message: string) =>
  Response.json({ error: { code: status === 404 ? 'not_found' : 'invalid_request', message } }, { status });

beforeEach(() => {
  endpoints = [ENDPOINT];
  deliveries = { we_1: [DELIVERED] };
  calls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = String(input);
      const method = init.method ?? 'GET';
      const body: unknown = init.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ method, url, body });
      const base = '/api/console/webhooks';
      if (url === base && method === 'GET') return Response.json({ endpoints, eventTypes: [], defaultEventTypes: [] });
      if (url === base && method === 'POST') {
        const input = body as { url: string; description: string; events: string[] };
        if (!input.url.startsWith('http')) return error(400, 'Invalid webhook endpoint: url must be an http:// or https:// URL.');
        const endpoint: EndpointView = { ...ENDPOINT, id: 'we_2', ...input };
        endpoints = [...endpoints, endpoint];
        deliveries.we_2 = [];
        return Response.json({ endpoint, secret: 'whsec_created' }, { status: 201 });
      }
      const match = /^\/api\/console\/webhooks\/([^/]+)(?:\/(\w+))?$/.exec(url);
      const endpoint = endpoints.find((one) => one.id === match?.[1]);
      if (match && !endpoint && match[1] !== 'deliveries') return error(404, 'No webhook endpoint with that id.');
      if (endpoint && method === 'GET' && match?.[2] === 'deliveries')
        return Response.json({ deliveries: deliveries[endpoint.id] });
      if (endpoint && method === 'PATCH') {
        Object.assign(endpoint, body);
        return Response.json({ endpoint });
      }
      if (endpoint && method === 'DELETE') {
        endpoints = endpoints.filter((one) => one !== endpoint);
        return new Response(null, { status: 204 });
      }
      if (endpoint && match?.[2] === 'rotate')
        return Response.json({ secret: 'whsec_rotated', previousSecretExpiresAt: '2099-01-01T00:00:00.000Z' });
      if (endpoint && match?.[2] === 'test') {
        deliveries[endpoint.id] = [{ ...PENDING, id: 'dlv_t', eventId: 'evt_test' }, ...(deliveries[endpoint.id] ?? [])];
        return Response.json({ eventId: 'evt_test', deliveryId: 'dlv_t' }, { status: 202 });
      }
      if (url.endsWith('/redeliver')) return new Response(null, { status: 202 });
      return error(404, 'Not found.');
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

function renderConsole(pollMs = 60_000) {
  return render(
    <WebhooksConsole
      initialEndpoints={endpoints.map((one) => ({ ...one }))}
      initialDeliveries={{ ...deliveries }}
      timeZone={TZ}
      renderedAt="2026-06-01T04:00:00.000Z"
      pollMs={pollMs}
    />,
  );
}

describe('the endpoint form', () => {
  it('ticks the default events, explains tool_call.completed as opt-in and sends the events in the API’s order', async () => {
    const onSubmit = vi.fn(async () => null);
    render(
      <EndpointForm
        initial={{ url: '', description: '', events: ['order.placed', 'order.cancelled', 'conversation.closed'] }}
        submitLabel="Add endpoint"
        pendingLabel="Adding…"
        onSubmit={onSubmit}
        onCancel={() => {}}
      />,
    );
    expect(document.activeElement).toBe(screen.getByLabelText('Endpoint URL'));
    const toolCalls = screen.getByRole('checkbox', { name: 'tool_call.completed' }) as HTMLInputElement;
    expect(toolCalls.checked).toBe(false);
    expect(document.getElementById(toolCalls.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(/^A tool .* Opt-in/);
    expect((screen.getByRole('checkbox', { name: 'order.placed' }) as HTMLInputElement).checked).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Add endpoint' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter the URL the events are sent to.');
    expect(screen.getByLabelText('Endpoint URL').getAttribute('aria-invalid')).toBe('true');
    expect(onSubmit).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText('Endpoint URL'), { target: { value: ' https://x.example/h ' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'tool_call.completed' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'order.placed' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add endpoint' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledOnce());
    expect(onSubmit).toHaveBeenCalledWith({
      url: 'https://x.example/h',
      description: '',
      events: ['order.cancelled', 'conversation.closed', 'tool_call.completed'],
    });
  });

  it('refuses to send no events at all', () => {
    render(
      <EndpointForm
        initial={{ url: 'https://x.example/h', description: '', events: ['order.placed'] }}
        submitLabel="Save"
        pendingLabel="Saving…"
        onSubmit={async () => null}
        onCancel={() => {}}
      />,
    );
    fireEvent.click(screen.getByRole('checkbox', { name: 'order.placed' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('alert').textContent).toBe('Pick at least one event to send.');
  });
});

describe('the delivery log', () => {
  it('shows status in colour and words, the last answer, times in the store’s zone and the next attempt of pending ones', () => {
    render(<DeliveryLog deliveries={[PENDING, DELIVERED, DEAD]} problem={null} timeZone={TZ} onRedeliver={async () => null} />);
    const rows = screen.getAllByTestId('delivery-row');
    expect(rows.map((row) => within(row).getByTestId('delivery-status').textContent)).toEqual(['Pending', 'Delivered', 'Dead']);
    expect(rows.map((row) => within(row).getByTestId('delivery-last-response').textContent)).toEqual(['500', '200', '500']);
    expect(within(rows[0] as HTMLElement).getByTestId('delivery-status').className).toContain('bg-amber-100');
    expect(within(rows[2] as HTMLElement).getByTestId('delivery-status').className).toContain('bg-red-100');
    // 05:01 UTC is 13:01 in Shanghai: the pending row's next attempt; the others have none.
    const cells = (row: HTMLElement) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent);
    expect(cells(rows[0] as HTMLElement)[5]).toMatch(/13:01:00/);
    expect(cells(rows[1] as HTMLElement)[5]).toBe('—');
    expect(cells(rows[0] as HTMLElement)[1]).toBe('webhook.testevt_2');
  });

  it('opens a delivery’s attempts and redelivers it, saying so', async () => {
    const onRedeliver = vi.fn(async () => null);
    render(<DeliveryLog deliveries={[PENDING]} problem={null} timeZone={TZ} onRedeliver={onRedeliver} />);
    const toggle = screen.getByRole('button', { name: 'Attempts of evt_2' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const attempts = within(screen.getByRole('list', { name: 'Attempts to deliver evt_2' })).getAllByRole('listitem');
    expect(attempts.map((attempt) => attempt.textContent)).toEqual([
      expect.stringMatching(/^Attempt 1.*12:59:00TypeError: fetch failed3 ms$/),
      expect.stringMatching(/^Attempt 2.*13:00:005001\.5 s$/),
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Redeliver evt_2' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^Delivery of evt_2 queued again/));
    expect(onRedeliver).toHaveBeenCalledWith(PENDING);
  });

  it('shows the API’s refusal', async () => {
    render(
      <DeliveryLog
        deliveries={[DEAD]}
        problem={null}
        timeZone={TZ}
        onRedeliver={async () => 'No webhook delivery with that id.'}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Redeliver evt_3' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('No webhook delivery with that id.'));
  });
});

describe('the webhooks page', () => {
  it('adds an endpoint and shows its secret once, focused, until dismissed', async () => {
    renderConsole();
    fireEvent.click(screen.getByRole('button', { name: 'Add endpoint' }));
    const form = screen.getByTestId('endpoint-form');
    fireEvent.change(within(form).getByLabelText('Endpoint URL'), { target: { value: 'ftp://nope' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add endpoint' }));
    await waitFor(() =>
      expect(within(form).getByRole('alert').textContent).toBe(
        'Invalid webhook endpoint: url must be an http:// or https:// URL.',
      ),
    );
    fireEvent.change(within(form).getByLabelText('Endpoint URL'), { target: { value: 'https://crm.example.com/in' } });
    fireEvent.change(within(form).getByLabelText(/Description/), { target: { value: 'CRM' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add endpoint' }));

    const secret = (await screen.findByLabelText('Signing secret')) as HTMLInputElement;
    expect(secret.value).toBe('whsec_created');
    expect(document.activeElement).toBe(secret);
    expect(screen.getByTestId('secret-box').textContent).toContain('you will not see it again');
    expect(screen.getByTestId('page-result').textContent).toContain('https://crm.example.com/in added');
    expect(
      calls.find((call) => call.method === 'POST' && call.body && (call.body as { url: string }).url.startsWith('https'))?.body,
    ).toEqual({
      url: 'https://crm.example.com/in',
      description: 'CRM',
      events: ['order.placed', 'order.cancelled', 'conversation.handoff_requested', 'conversation.closed', 'conversation.rated'],
    });
    const card = screen.getAllByTestId('endpoint')[1] as HTMLElement;
    expect(within(card).getByRole('heading', { name: 'https://crm.example.com/in' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'I have saved it' }));
    expect(screen.queryByTestId('secret-box')).toBeNull();
    expect(document.body.textContent).not.toContain('whsec_created');
  });

  it('sends a test event and shows it in the refreshed log', async () => {
    renderConsole();
    const card = screen.getByTestId('endpoint');
    fireEvent.click(within(card).getByRole('button', { name: 'Send test event' }));
    await waitFor(() =>
      expect(within(card).getByTestId('endpoint-result').textContent).toBe(
        'Test event evt_test queued; its delivery shows in the log below.',
      ),
    );
    expect(
      within(card)
        .getAllByTestId('delivery-row')
        .map((row) => row.dataset.eventId),
    ).toEqual(['evt_test', 'evt_1']);
    expect(calls.some((call) => call.method === 'POST' && call.url === '/api/console/webhooks/we_1/test')).toBe(true);
  });

  it('rotates the secret with the default 24 hours overlap and shows the new one', async () => {
    renderConsole();
    const card = screen.getByTestId('endpoint');
    fireEvent.click(within(card).getByRole('button', { name: 'Rotate secret' }));
    const hours = within(card).getByLabelText('Old secret keeps working for (hours)') as HTMLInputElement;
    expect(hours.value).toBe('24');
    expect(document.activeElement).toBe(hours);
    fireEvent.click(within(card).getByRole('button', { name: 'Rotate now' }));
    expect(((await within(card).findByLabelText('Signing secret')) as HTMLInputElement).value).toBe('whsec_rotated');
    expect(within(card).getByTestId('secret-box').textContent).toContain('The previous secret keeps signing requests');
    expect(calls.find((call) => call.url.endsWith('/rotate'))?.body).toEqual({ overlapHours: 24 });
  });

  it('refuses a bad overlap before asking the server', () => {
    renderConsole();
    const card = screen.getByTestId('endpoint');
    fireEvent.click(within(card).getByRole('button', { name: 'Rotate secret' }));
    fireEvent.change(within(card).getByLabelText('Old secret keeps working for (hours)'), { target: { value: '500' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Rotate now' }));
    expect(
      within(card)
        .getAllByRole('alert')
        .map((alert) => alert.textContent),
    ).toContain('Enter a number of hours from 0 to 168.');
    expect(calls.some((call) => call.url.endsWith('/rotate'))).toBe(false);
  });

  it('edits, disables and (after confirming) deletes an endpoint', async () => {
    renderConsole();
    const card = screen.getByTestId('endpoint');
    fireEvent.click(within(card).getByRole('button', { name: 'Edit' }));
    fireEvent.change(within(card).getByLabelText(/Description/), { target: { value: 'ERP (new)' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(within(card).getByTestId('endpoint-result').textContent).toBe('Changes saved.'));
    expect(calls.find((call) => call.method === 'PATCH')?.body).toEqual({
      url: ENDPOINT.url,
      description: 'ERP (new)',
      events: ['order.placed', 'order.cancelled'],
    });
    await waitFor(() => expect(card.textContent).toContain('ERP (new)'));

    const toggle = within(card).getByRole('switch', { name: 'Send events' });
    expect(toggle.getAttribute('aria-checked')).toBe('true');
    fireEvent.click(toggle);
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('false'));
    expect(within(card).getByTestId('endpoint-state').textContent).toBe('Disabled');
    expect(calls.filter((call) => call.method === 'PATCH').at(-1)?.body).toEqual({ enabled: false });

    fireEvent.click(within(card).getByRole('button', { name: 'Delete' }));
    expect(document.activeElement).toBe(within(card).getByRole('button', { name: 'Cancel' }));
    expect(calls.some((call) => call.method === 'DELETE')).toBe(false);
    fireEvent.click(within(card).getByRole('button', { name: 'Delete endpoint' }));
    await waitFor(() => expect(screen.getByTestId('no-endpoints')).toBeTruthy());
    expect(screen.getByTestId('page-result').textContent).toBe(`Endpoint ${ENDPOINT.url} deleted.`);
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Webhooks', level: 1 }));
  });

  it('shows the API’s error when an action is refused', async () => {
    renderConsole();
    endpoints = [];
    const card = screen.getByTestId('endpoint');
    fireEvent.click(within(card).getByRole('button', { name: 'Send test event' }));
    await waitFor(() => expect(within(card).getByTestId('endpoint-error').textContent).toBe('No webhook endpoint with that id.'));
  });

  it('re-reads the endpoints and logs every few seconds while visible, and on Refresh', async () => {
    vi.useFakeTimers();
    renderConsole(3_000);
    deliveries.we_1 = [{ ...DELIVERED, id: 'dlv_new', eventId: 'evt_new' }, DELIVERED];
    await act(async () => {
      await vi.advanceTimersByTimeAsync(3_000);
    });
    expect(screen.getAllByTestId('delivery-row').map((row) => row.dataset.eventId)).toEqual(['evt_new', 'evt_1']);
    vi.useRealTimers();

    calls = [];
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(screen.getByTestId('page-result').textContent).toBe('Endpoints and delivery logs refreshed.'));
    expect(calls.map((call) => call.url)).toEqual(['/api/console/webhooks', '/api/console/webhooks/we_1/deliveries']);
  });
});
