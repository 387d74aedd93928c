import type { Metadata } from 'next';
import { type ReactNode, Suspense } from 'react';
import { ConsoleNav } from '@/components/console/console-nav';
import { signedInStaff } from '@/lib/auth/staff-page';
import { getStaffRuntime } from '@/lib/auth/staff-runtime';
import { countWaiting } from '@/lib/console/conversation-list';
import '../globals.css';

export const metadata: Metadata = {
  title: { default: 'Staff console', template: '%s · Staff console' },
  robots: { index: false, follow: false },
};

/**
 * The staff console's own root layout: none of the public site's or the widget's chrome. Signed in,
 * every console page gets the top bar (the sign-in page does not).
 */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const staff = await signedInStaff();
  const waitingCount = staff ? await countWaiting((await getStaffRuntime()).db) : 0;
  return (
    <html lang="en">
      <body className="min-h-dvh bg-slate-100 font-sans text-slate-900 antialiased">
        {/* The bar reads the URL (which link is current): it renders with the page, never held back. */}
        <Suspense fallback={null}>
          <ConsoleNav staff={staff && { name: staff.name, role: staff.role }} waitingCount={waitingCount} />
        </Suspense>
        {children}
      </body>
    </html>
  );
}
