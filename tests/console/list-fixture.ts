import type { PrismaClient } from '@/lib/db/client';
import type { ChatRole, ConversationStatus } from '@/lib/db/generated/enums';
import { staffRequest } from '../support/staff-harness';

/** A conversation as the console sees it, written straight to the database (no chat turn needed). */
export interface ConversationSeed {
  id: string;
  lastMessageAt: Date;
  createdAt?: Date;
  status?: ConversationStatus;
  customerId?: string;
  messages?: Array<{ role: ChatRole; text: string }>;
  toolsUsed?: string[];
  hadError?: boolean;
  usedFallback?: boolean;
  rating?: number;
  labels?: string[];
  assignedStaffId?: string;
  handoffRequestedAt?: Date;
}

export async function addConversation(db: PrismaClient, seed: ConversationSeed): Promise<void> {
  const { messages = [], customerId, ...fields } = seed;
  await db.conversation.create({
    data: {
      ...fields,
      createdAt: seed.createdAt ?? new Date(seed.lastMessageAt.getTime() - 60_000),
      customerId: customerId ?? null,
      visitorHash: customerId ? null : `visitor-${seed.id}`,
      messageCount: messages.length,
    },
  });
  await db.chatMessage.createMany({
    data: messages.map((message, seq) => ({
      id: `${seed.id}-m${seq}`,
      conversationId: seed.id,
      seq,
      role: message.role,
      parts: [{ type: 'text', text: message.text }],
      text: message.text,
      createdAt: new Date(seed.lastMessageAt.getTime() - (messages.length - 1 - seq) * 1000),
    })),
  });
}

/** A GET from the console's page to a console API path. */
export function consoleGet(path: string, session: string | null): Request {
  return staffRequest(path, { method: 'GET', session });
}
