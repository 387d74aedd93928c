/** Liveness: the process answers. Touches no database, so an outage elsewhere never restarts it. */
export function GET(): Response {
  return Response.json({ status: 'alive' }, { headers: { 'Cache-Control': 'no-store' } });
}
