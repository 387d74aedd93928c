import { tool, zodSchema } from 'ai';
import { z } from 'zod';
import { requestHumanHandoff } from '@/lib/chat/conversations';
import type { ToolContext } from './context';
import { callStore } from './tool-failure';

// Built once: the AI SDK turns it into JSON Schema on first use and keeps that for every turn.
const inputSchema = zodSchema(
  z.object({
    reason: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .describe(
        'One or two sentences for the staff member: what the shopper needs and anything already found (order number, SKU).',
      ),
  }),
);

export function createHandOffToHumanTool(ctx: ToolContext) {
  return tool({
    description:
      'Pass this conversation to a member of staff. Use it when the shopper asks for a person ("talk to a human", ' +
      '"real person", "转人工", "人工客服"), or needs something the other tools cannot do (returns, refunds, complaints, ' +
      'changing an address or a placed order). After calling, tell the shopper a colleague will reply here shortly; ' +
      'the assistant stays silent from then on.',
    inputSchema,
    execute: async ({ reason }) => {
      const status = await callStore(() => requestHumanHandoff(ctx.db, ctx.conversationId));
      return { status, reason };
    },
  });
}
