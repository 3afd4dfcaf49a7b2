// The Idempotency-Key header both JSON APIs accept (docs/formats/marketplace-api.md, "Retries";
// docs/formats/adoption-events.md): 1–100 visible ASCII characters (0x21–0x7E: no spaces, no
// control characters, nothing outside ASCII). One pattern for the marketplace API, the adoption
// API and each event of an adoption batch.

export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,100}$/;
