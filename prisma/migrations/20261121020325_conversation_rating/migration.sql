-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "closedAt" TIMESTAMPTZ(3),
ADD COLUMN     "ratedAt" TIMESTAMPTZ(3),
ADD COLUMN     "rating" SMALLINT,
ADD COLUMN     "ratingComment" TEXT;

-- Prisma's schema language has no CHECK constraints: the rating's range is enforced here too.
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_rating_range" CHECK ("rating" BETWEEN 1 AND 5);
