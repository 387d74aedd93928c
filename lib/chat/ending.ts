import { z } from 'zod';
import type { PrismaClient } from '@/lib/db/client';
import { errorResponse } from '@/lib/http/errors';
import { readJsonBody } from '@/lib/http/json-body';
import { findOwnConversation } from './conversations';
import type { ChatRuntime } from './runtime';
import { admitShopper } from './shopper';

export const MAX_RATING_COMMENT_CHARACTERS = 1_000;

const ratingSchema = z.object({
  score: z.number().int().min(1).max(5),
  comment: z
    .string()
    .trim()
    .max(MAX_RATING_COMMENT_CHARACTERS)
    .nullish()
    .transform((comment) => comment || null),
});

export interface ConversationRating {
  score: number;
  comment: string | null;
}

/** POST /api/conversations/{id}/close: the shopper ends the conversation (writing again reopens it with the bot). */
export async function handleCloseRequest(request: Request, runtime: ChatRuntime, conversationId: string): Promise<Response> {
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  try {
    const shopper = await admitShopper(request, runtime, headers);
    const conversation = await findOwnConversation(runtime.db, conversationId, shopper);
    await closeConversation(runtime.db, conversation.id, runtime.now());
    runtime.live.publish({ conversationId: conversation.id, kind: 'status', status: 'closed' });
    return Response.json({ id: conversation.id, status: 'closed' }, { headers });
  } catch (error) {
    return errorResponse(error, headers);
  }
}

/** POST /api/conversations/{id}/rating {score 1–5, comment?}: the shopper's satisfaction; rating again replaces it. */
export async function handleRatingRequest(request: Request, runtime: ChatRuntime, conversationId: string): Promise<Response> {
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  try {
    const shopper = await admitShopper(request, runtime, headers);
    const rating = await readJsonBody(request, ratingSchema, {
      shape: '{ score: 1–5, comment? }',
      label: 'rating',
      maxBytes: 16 * 1024,
    });
    const conversation = await findOwnConversation(runtime.db, conversationId, shopper);
    await rateConversation(runtime.db, conversation.id, rating, runtime.now());
    runtime.live.publish({ conversationId: conversation.id, kind: 'rating' });
    return Response.json({ id: conversation.id, rating }, { headers });
  } catch (error) {
    return errorResponse(error, headers);
  }
}

async function closeConversation(db: PrismaClient, id: string, now: Date): Promise<void> {
  await db.conversation.update({ where: { id }, data: { status: 'closed', closedAt: now } });
}

async function rateConversation(db: PrismaClient, id: string, rating: ConversationRating, now: Date): Promise<void> {
  await db.conversation.update({
    where: { id },
    data: { rating: rating.score, ratingComment: rating.comment, ratedAt: now },
  });
}
