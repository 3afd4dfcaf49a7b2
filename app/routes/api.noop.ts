// A resource route that does nothing: the benchmark's baseline for the cost of Remix itself
// (scripts/bench/counter.ts compares POST /api/adoption-events against it in the same run).
// A production server answers 404 here (scripts/http-guards.ts benchRouteGuard); only the
// benchmark's own server (scripts/bench/bench-server.ts) serves it.
export function action() {
  return new Response('ok');
}

export function loader() {
  return new Response('ok');
}
