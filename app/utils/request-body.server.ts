// Request bodies of bounded size for the JSON APIs (the marketplace API's 64 KiB, the adoption
// API's 4 MiB): read as a stream and given up as soon as they pass the limit, so a client sending
// (or claiming to send) far more is answered 413 without the server holding all of it in memory.
// Each API answers the refusal in its own error shape.

/** The body as UTF-8 text, or null once it is larger than `maxBytes` (declared or actually sent). */
export async function readCappedBody(request: Request, maxBytes: number): Promise<string | null> {
  // A declared length over the limit is refused before anything is read.
  if (Number(request.headers.get('Content-Length') ?? '0') > maxBytes) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // Stops the upload here (a chunked body has no declared length to refuse it by).
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
