// Runs once when the server starts: the database is opened and migrated before the first
// request, and an empty database gets the demo store, so a fresh checkout needs no manual step.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // A malformed WIDGET_ALLOWED_ORIGINS stops start-up with its name instead of failing every request.
  const { currentEmbedPolicy } = await import('./lib/embed/origins');
  currentEmbedPolicy();
  const { startStore } = await import('./lib/store/startup');
  await startStore();
}
