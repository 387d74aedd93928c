-- AlterEnum
ALTER TYPE "ChatRole" ADD VALUE 'agent';

-- AlterTable
ALTER TABLE "ChatMessage" ADD COLUMN     "staffUserId" TEXT,
ADD COLUMN     "text" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "assignedStaffId" TEXT,
ADD COLUMN     "hadError" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "handoffRequestedAt" TIMESTAMPTZ(3),
ADD COLUMN     "labels" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "messageCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "toolsUsed" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "usedFallback" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ConversationNote" (
    "id" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "staffUserId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConversationNote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ConversationNote_conversationId_createdAt_idx" ON "ConversationNote"("conversationId", "createdAt");

-- CreateIndex
CREATE INDEX "ChatMessage_text_idx" ON "ChatMessage" USING GIN ("text" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Conversation_lastMessageAt_idx" ON "Conversation"("lastMessageAt");

-- CreateIndex
CREATE INDEX "Conversation_createdAt_idx" ON "Conversation"("createdAt");

-- CreateIndex
CREATE INDEX "Conversation_toolsUsed_idx" ON "Conversation" USING GIN ("toolsUsed");

-- CreateIndex
CREATE INDEX "Conversation_labels_idx" ON "Conversation" USING GIN ("labels");

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_assignedStaffId_fkey" FOREIGN KEY ("assignedStaffId") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationNote" ADD CONSTRAINT "ConversationNote_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationNote" ADD CONSTRAINT "ConversationNote_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatMessage" ADD CONSTRAINT "ChatMessage_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Conversations and messages saved before this migration get their search text and counters.
UPDATE "ChatMessage" SET "text" = COALESCE((
  SELECT string_agg(part->>'text', E'\n') FROM jsonb_array_elements("parts") AS part WHERE part->>'type' = 'text'
), '');

UPDATE "Conversation" AS c SET
  "messageCount" = (SELECT count(*) FROM "ChatMessage" m WHERE m."conversationId" = c."id"),
  "usedFallback" = EXISTS (SELECT 1 FROM "ChatMessage" m WHERE m."conversationId" = c."id" AND m."usedFallback"),
  "hadError" = EXISTS (SELECT 1 FROM "ChatMessage" m WHERE m."conversationId" = c."id" AND m."error" IS NOT NULL)
    OR EXISTS (SELECT 1 FROM "ToolCallLog" t WHERE t."conversationId" = c."id" AND t."error" IS NOT NULL),
  "toolsUsed" = ARRAY(SELECT DISTINCT t."toolName" FROM "ToolCallLog" t WHERE t."conversationId" = c."id" ORDER BY 1),
  "handoffRequestedAt" = CASE WHEN c."status" IN ('waiting_human', 'human') THEN c."lastMessageAt" END;
