import { defineConfig } from 'prisma/config';

// The app connects through driver adapters (lib/db/client.ts) and migrates through
// lib/db/migrate.ts; the Prisma CLI is only used for `prisma generate`.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
