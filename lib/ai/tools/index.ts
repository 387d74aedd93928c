import { createCancelOrderTool } from './cancel-order';
import { createCheckInventoryTool } from './check-inventory';
import type { ToolContext } from './context';
import { createGetOrderTool } from './get-order';
import { createHandOffToHumanTool } from './hand-off-to-human';
import { createListMyOrdersTool } from './list-my-orders';
import { createPlaceOrderTool } from './place-order';
import { createQuotePriceTool } from './quote-price';
import { createSearchProductsTool } from './search-products';
import { createTrackShipmentTool } from './track-shipment';

export type { ToolContext } from './context';
export { isToolFailure, ToolFailure } from './tool-failure';

/** The tools the chat model may call in one shopper turn, bound to that turn's shopper and conversation. */
export function createShopTools(ctx: ToolContext) {
  return {
    searchProducts: createSearchProductsTool(ctx),
    checkInventory: createCheckInventoryTool(ctx),
    quotePrice: createQuotePriceTool(ctx),
    getOrder: createGetOrderTool(ctx),
    listMyOrders: createListMyOrdersTool(ctx),
    trackShipment: createTrackShipmentTool(ctx),
    placeOrder: createPlaceOrderTool(ctx),
    cancelOrder: createCancelOrderTool(ctx),
    handOffToHuman: createHandOffToHumanTool(ctx),
  };
}

export type ShopTools = ReturnType<typeof createShopTools>;
export type ShopToolName = keyof ShopTools;

/** Every tool's name, for code that needs the list rather than the tools (the eval's file format). */
export const SHOP_TOOL_NAMES = [
  'searchProducts',
  'checkInventory',
  'quotePrice',
  'getOrder',
  'listMyOrders',
  'trackShipment',
  'placeOrder',
  'cancelOrder',
  'handOffToHuman',
] as const satisfies readonly ShopToolName[];

/** Tools that change an order: the chat route asks the shopper to approve each call first. */
export const ORDER_CHANGING_TOOLS = ['placeOrder', 'cancelOrder'] as const satisfies readonly ShopToolName[];
