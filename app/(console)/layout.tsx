import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import '../globals.css';

export const metadata: Metadata = {
  title: { default: 'Staff console', template: '%s · Staff console' },
  robots: { index: false, follow: false },
};

/** The staff console's own root layout: none of the public site's or the widget's chrome. */
export default function ConsoleLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh bg-slate-100 font-sans text-slate-900 antialiased">{children}</body>
    </html>
  );
}
