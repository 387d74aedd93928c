// The shop's commerce rules: plain functions over the Prisma client, no AI, HTTP or React.
export { type Availability, getAvailability, type WarehouseAvailability } from './availability';
export { type CustomerProfile, getCustomerProfile } from './customers';
export { CommerceError, type CommerceErrorCode, isCommerceError } from './errors';
export {
  cancelOrder,
  changeOrderStatus,
  changeOrderStatusInTransaction,
  getOrder,
  listOrders,
  ORDER_STATUS_CHANGES,
  type OrderStatusChange,
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
export {
  applyShipmentUpdate,
  applyShipmentUpdateInTransaction,
  SHIPMENT_STATUSES,
  type ShipmentTracking,
  type ShipmentUpdateInput,
  type ShipmentUpdateResult,
  trackShipment,
} from './shipments';
