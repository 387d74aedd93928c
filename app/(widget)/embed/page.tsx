import { headers } from 'next/headers';
import { connection } from 'next/server';
import { z } from 'zod';
import { ChatWidget } from '@/components/chat/chat-widget';
import { dictionaryFor, type WidgetLocale, widgetLocaleFrom } from '@/components/chat/i18n';
import { isHexColor } from '@/components/chat/theme';
import { currentEmbedPolicy, isAllowedEmbedOrigin, parseOrigin } from '@/lib/embed/origins';
import { startStore } from '@/lib/store/startup';

/** The first value of a query parameter given once; anything else counts as absent. */
const singleValue = z.preprocess((value) => (Array.isArray(value) ? undefined : value), z.string().optional());

/** EmbedParams (lib/embed/protocol.ts) from the query string; a malformed locale or colour is ignored. */
const embedParamsSchema = z.object({
  origin: singleValue,
  locale: singleValue.pipe(z.string().max(35).optional()).catch(undefined),
  color: singleValue.pipe(z.string().refine(isHexColor).optional()).catch(undefined),
});

function firstAcceptedLanguage(header: string | null): string | null {
  return header?.split(',')[0]?.split(';')[0] ?? null;
}

/**
 * /embed: the chat panel the storefront's loader puts in an iframe (`?origin=…&locale=…&color=…`),
 * or, opened directly without `origin`, a standalone chat page.
 */
export default async function EmbedPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection(); // the store's live settings, never prerendered
  const params = embedParamsSchema.parse(await searchParams);
  const db = await startStore();
  const settings = await db.prisma.storeSettings.findUnique({ where: { id: 1 } });
  const locale: WidgetLocale =
    widgetLocaleFrom(params.locale) ??
    widgetLocaleFrom(settings?.locale) ??
    widgetLocaleFrom(firstAcceptedLanguage((await headers()).get('accept-language'))) ??
    'en';

  const origin = params.origin ?? null;
  if (origin !== null && !(parseOrigin(origin) === origin && isAllowedEmbedOrigin(currentEmbedPolicy(), origin))) {
    return (
      <main className="flex h-dvh items-center justify-center p-6 text-center text-sm text-slate-700">
        <p data-testid="embed-not-allowed">{dictionaryFor(locale).widget.notAllowed}</p>
      </main>
    );
  }

  return (
    <ChatWidget
      storeName={settings?.name ?? null}
      currency={settings?.currency ?? 'USD'}
      locale={locale}
      parentOrigin={origin}
      primaryColor={params.color ?? null}
    />
  );
}
