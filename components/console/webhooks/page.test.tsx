// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StaffUserView } from '@/lib/auth/staff-accounts';

// The page's server-side check, with the session, database and router stood in for.
const staff = vi.hoisted(() => ({ current: null as StaffUserView | null }));
const listEndpoints = vi.hoisted(() => vi.fn());

vi.mock('@/lib/auth/staff-page', () => ({ signedInStaff: async () => staff.current }));
vi.mock('@/lib/auth/staff-runtime', () => ({
  getStaffRuntime: async () => ({ db: {}, now: () => new Date('2026-06-01T04:00:00Z') }),
}));
vi.mock('@/lib/console/metrics', () => ({ storeTimeZone: async () => 'Asia/Shanghai' }));
vi.mock('@/lib/webhooks/endpoints', () => ({ listEndpoints, listDeliveries: async () => [] }));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw new Error(`redirect ${to}`);
  },
}));

const { default: WebhooksPage } = await import('@/app/(console)/console/webhooks/page');

beforeEach(() => {
  listEndpoints.mockReset();
  listEndpoints.mockResolvedValue([]);
});

afterEach(cleanup);

describe('/console/webhooks', () => {
  it('sends someone not signed in to the sign-in page', async () => {
    staff.current = null;
    await expect(WebhooksPage()).rejects.toThrow('redirect /console/login');
  });

  it('refuses an agent without reading any endpoint', async () => {
    staff.current = { id: 's2', email: 'wang@shop.example', name: 'Wang', role: 'agent' };
    render(await WebhooksPage());
    expect(screen.getByTestId('admins-only').textContent).toContain('Only administrators can manage webhooks.');
    expect(screen.queryByRole('button', { name: 'Add endpoint' })).toBeNull();
    expect(listEndpoints).not.toHaveBeenCalled();
  });

  it('gives an administrator the endpoints', async () => {
    staff.current = { id: 's1', email: 'lin@shop.example', name: 'Lin', role: 'admin' };
    render(await WebhooksPage());
    expect(screen.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Add endpoint' })).toBeTruthy();
    expect(screen.getByTestId('no-endpoints')).toBeTruthy();
    expect(listEndpoints).toHaveBeenCalledOnce();
  });
});
