import { tool, zodSchema } from 'ai';
import { z } from 'zod';
import { trackShipment } from '@/lib/commerce';
import type { ToolContext } from './context';
import { contactField, orderIdField } from './fields';
import { callStore, ToolFailure } from './tool-failure';
import { orderViewer } from './viewer';

// Built once: the AI SDK turns it into JSON Schema on first use and keeps that for every turn.
const inputSchema = zodSchema(
  z.object({
    trackingNumber: z
      .string()
      .trim()
      .max(100)
      .optional()
      .describe(
        'Carrier tracking number as the shopper gave it (spaces, dashes and case do not matter). Omit when using orderId.',
      ),
    orderId: orderIdField.optional().describe('Order number, to track all its shipments. Omit when using trackingNumber.'),
    contact: contactField,
  }),
);

export function createTrackShipmentTool(ctx: ToolContext) {
  return tool({
    description:
      'Where a parcel is: carrier, status, estimated delivery date and the tracking events (oldest first). ' +
      'Give exactly one of trackingNumber or orderId. ' +
      'By tracking number anyone may look it up. By order number the same rules as getOrder apply: a shopper who is not ' +
      'signed in must also give the email or phone used on the order (contact); ask for it if missing. ' +
      'By order the result lists every shipment of that order; an empty list means it has not shipped yet.',
    inputSchema,
    execute: async ({ trackingNumber, orderId, contact }) => {
      if (trackingNumber && !orderId) {
        const shipment = await callStore(() => trackShipment(ctx.db, { trackingNumber }));
        return { lookup: 'trackingNumber' as const, ...shipment };
      }
      if (orderId && !trackingNumber) {
        const viewer = orderViewer(ctx, contact);
        const tracking = await callStore(() => trackShipment(ctx.db, { orderId, viewer }));
        return { lookup: 'order' as const, ...tracking };
      }
      throw new ToolFailure(
        'invalid_input',
        'Give exactly one of a tracking number or an order number. Ask the shopper which one they have.',
      );
    },
  });
}
