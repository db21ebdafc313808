// Liveness for load balancers; also the "bare route handler" baseline of `npm run bench`.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ ok: true });
}
