// The shop's commerce rules: plain functions over the Prisma client, no AI, HTTP or React.
export { type Availability, getAvailability, type WarehouseAvailability } from './availability';
export { type CustomerProfile, getCustomerProfile } from './customers';
export { CommerceError, type CommerceErrorCode, isCommerceError } from './errors';
export {
  cancelOrder,
  getOrder,
  listOrders,
  type OrderView,
  type PlaceOrderInput,
  type PlaceOrderResult,
  placeOrder,
  type Viewer,
} from './orders';
export {
  type CouponOutcome,
  type CouponRejectionReason,
  computeOrderQuote,
  computeQuote,
  type OrderQuote,
  type PriceQuote,
  quoteOrder,
  quotePrice,
} from './pricing';
export { type ProductSearchResult, searchProducts } from './search';
export { type ShipmentTracking, trackShipment } from './shipments';
