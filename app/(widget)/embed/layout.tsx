import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import '../../globals.css';

export const metadata: Metadata = {
  title: 'Chat',
  robots: { index: false, follow: false },
};

// viewport-fit=cover: the panel pads itself with env(safe-area-inset-*) on notched phones.
export const viewport: Viewport = { width: 'device-width', initialScale: 1, viewportFit: 'cover' };

/**
 * The widget's own root layout: the document inside the storefront's iframe, without the site's
 * chrome. The widget sets `lang` from its locale once it runs.
 */
export default function EmbedLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="h-dvh overflow-hidden bg-white font-sans text-slate-900 antialiased">{children}</body>
    </html>
  );
}
