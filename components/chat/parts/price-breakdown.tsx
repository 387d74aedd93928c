import { AlertIcon, AmountRow, Badge, Card, type CardFormat, CheckIcon, type ToolOutput } from './ui';

type Quote = ToolOutput<'quotePrice'>;

/** quotePrice: unit price × quantity, member discount, coupon (or why not), and the total. */
export function PriceBreakdown({ quote, format }: { quote: Quote; format: CardFormat }) {
  const { t, money } = format;
  return (
    <Card testId="price-breakdown" label={quote.name}>
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="font-semibold text-slate-900">{quote.name}</p>
          <p className="text-xs text-slate-600">{t.sku(quote.sku)}</p>
        </div>
        {quote.status === 'discontinued' ? <Badge tone="warning">{t.discontinued}</Badge> : null}
      </div>
      <dl className="mt-2 space-y-1.5">
        <AmountRow
          label={t.price.subtotal}
          detail={t.price.unitTimesQuantity(money(quote.unitPrice), quote.quantity)}
          amount={money(quote.subtotal)}
        />
        {quote.memberLevel ? (
          <AmountRow
            label={t.price.memberDiscount(quote.memberLevel.name, quote.memberLevel.discountPercent)}
            detail={quote.memberLevelSource === 'stated' ? t.price.estimateFor(quote.memberLevel.name) : t.price.yourLevel}
            amount={`−${money(quote.memberDiscount)}`}
          />
        ) : null}
        {quote.coupon ? <CouponRow coupon={quote.coupon} format={format} /> : null}
        <AmountRow label={t.price.total} amount={money(quote.total)} testId="price-total" strong />
      </dl>
    </Card>
  );
}

function CouponRow({ coupon, format: { t, money } }: { coupon: NonNullable<Quote['coupon']>; format: CardFormat }) {
  if (coupon.applied) {
    return (
      <AmountRow
        label={
          <span className="inline-flex items-center gap-1">
            <CheckIcon className="size-3.5 text-emerald-700" />
            {t.price.coupon(coupon.code)}
          </span>
        }
        amount={`−${money(coupon.discount)}`}
      />
    );
  }
  const why = coupon.reason ? t.price.couponReasons[coupon.reason] : null;
  const minimum =
    coupon.reason === 'below_minimum_spend' && coupon.minSpend ? t.price.minimumSpend(money(coupon.minSpend)) : null;
  return (
    <div data-testid="coupon-rejected" className="rounded-lg bg-slate-50 px-2 py-1.5">
      <dt className="flex items-center justify-between gap-3">
        <span className="inline-flex items-center gap-1">
          <AlertIcon />
          <span>{t.price.coupon(coupon.code)}</span>
        </span>
        <span className="text-xs font-medium text-slate-700">{t.price.couponNotApplied}</span>
      </dt>
      {why || minimum ? (
        <dd className="mt-0.5 text-xs text-slate-700">
          {why}
          {minimum ? <span className="block">{minimum}</span> : null}
        </dd>
      ) : null}
    </div>
  );
}
