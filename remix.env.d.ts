/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

import '@remix-run/node';

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true;
  }
  interface AppLoadContext {
    cspNonce?: string;
    requestId?: string;
    clientIp?: string;
    /** The request's pino logger (scripts/server.ts), carrying its request id. */
    log?: import('pino').Logger;
  }
}
