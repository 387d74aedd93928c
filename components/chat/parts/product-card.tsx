import { Badge, Card, type CardFormat, type ToolOutput } from './ui';

/** At or below this many units a warehouse reads "Only n left". */
const LOW_STOCK_UNITS = 5;
/** The search list stays a glance: the assistant names the rest if it matters. */
const MAX_SEARCH_ROWS = 5;

type Warehouse = ToolOutput<'checkInventory'>['warehouses'][number];

/** checkInventory: list price, stock per warehouse, the total and the delivery window. */
export function ProductCard({ availability, format }: { availability: ToolOutput<'checkInventory'>; format: CardFormat }) {
  const { t, money } = format;
  const discontinued = availability.status === 'discontinued';
  return (
    <Card testId="product-card" label={availability.name}>
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="font-semibold text-slate-900">{availability.name}</p>
          <p className="text-xs text-slate-600">{t.sku(availability.sku)}</p>
        </div>
        {discontinued ? <Badge tone="warning">{t.discontinued}</Badge> : null}
      </div>
      <p className="mt-1.5 flex items-baseline gap-1.5">
        <span className="text-xs text-slate-600">{t.product.listPrice}</span>
        <span className="font-semibold tabular-nums text-slate-900">{money(availability.price)}</span>
      </p>
      {discontinued ? <p className="mt-1 text-xs text-amber-900">{t.product.discontinuedNote}</p> : null}

      <p className="mt-2.5 text-xs font-medium text-slate-600">{t.product.stockHeading}</p>
      <ul className="mt-1 divide-y divide-slate-100">
        {availability.warehouses.map((warehouse) => (
          <WarehouseRow key={warehouse.code} warehouse={warehouse} format={format} />
        ))}
      </ul>

      <div className="mt-2 flex items-baseline justify-between gap-3 border-t border-slate-200 pt-2">
        <span className="text-xs text-slate-600">{t.product.totalAvailable}</span>
        <span data-testid="product-available" className="font-semibold tabular-nums text-slate-900">
          {availability.totalAvailable}
        </span>
      </div>
      {availability.deliveryWindow ? (
        <p className="mt-1 text-xs text-slate-700">
          {t.product.arrivesIn(availability.deliveryWindow.min, availability.deliveryWindow.max)}
        </p>
      ) : null}
    </Card>
  );
}

function WarehouseRow({ warehouse, format: { t } }: { warehouse: Warehouse; format: CardFormat }) {
  const units = warehouse.available;
  const level = units === 0 ? 'out' : units <= LOW_STOCK_UNITS ? 'low' : 'in';
  // Text says the level; the dot only repeats it.
  const text = level === 'out' ? t.product.outOfStock : level === 'low' ? t.product.lowStock(units) : t.product.inStock(units);
  const dot = level === 'out' ? 'bg-slate-300' : level === 'low' ? 'bg-amber-500' : 'bg-emerald-600';
  const tone = level === 'out' ? 'text-slate-500' : level === 'low' ? 'text-amber-900' : 'text-emerald-800';
  return (
    <li data-stock={level} className="flex items-center justify-between gap-3 py-1">
      <span className="min-w-0 truncate text-slate-700">{t.product.warehouse(warehouse.name, warehouse.region)}</span>
      <span className={`flex shrink-0 items-center gap-1.5 text-xs font-medium ${tone}`}>
        <span aria-hidden="true" className={`size-1.5 rounded-full ${dot}`} />
        {text}
      </span>
    </li>
  );
}

/** searchProducts: the first few matches with SKU, list price and a discontinued flag. */
export function SearchResults({ search, format }: { search: ToolOutput<'searchProducts'>; format: CardFormat }) {
  const { t, money } = format;
  const shown = search.results.slice(0, MAX_SEARCH_ROWS);
  const hidden = search.results.length - shown.length;
  const heading = t.search.heading(search.query);
  return (
    <Card testId="product-results" label={heading}>
      <p className="text-xs font-medium text-slate-600">{heading}</p>
      {shown.length === 0 ? (
        <p className="mt-1 text-slate-700">{t.search.none}</p>
      ) : (
        <ul className="mt-1 divide-y divide-slate-100">
          {shown.map((product) => (
            <li key={product.sku} className="flex items-start justify-between gap-3 py-1.5">
              <div className="min-w-0">
                <p className="truncate font-medium text-slate-900">{product.name}</p>
                <p className="flex flex-wrap items-center gap-1.5 text-xs text-slate-600">
                  {t.sku(product.sku)}
                  {product.status === 'discontinued' ? <Badge tone="warning">{t.discontinued}</Badge> : null}
                </p>
              </div>
              <span className="shrink-0 tabular-nums text-slate-900">{money(product.price)}</span>
            </li>
          ))}
        </ul>
      )}
      {hidden > 0 ? <p className="mt-1 text-xs text-slate-600">{t.search.more(hidden)}</p> : null}
    </Card>
  );
}
