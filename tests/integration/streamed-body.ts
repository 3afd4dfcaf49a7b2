/**
 * A request body sent in chunks with no Content-Length (Transfer-Encoding: chunked), as a client
 * uploading more than it should would send it; `pulled()` says how many chunks the server read.
 */
export function streamedBody(opts: { chunkBytes: number; chunks: number }) {
  let pulled = 0;
  const chunk = new Uint8Array(opts.chunkBytes).fill(0x20);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === opts.chunks) return controller.close();
      pulled++;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => pulled };
}

/** A POST carrying `body` as a stream (Node's fetch needs `duplex: 'half'` for that). */
export function streamedPost(url: string, body: ReadableStream<Uint8Array>, headers: Record<string, string>) {
  return new Request(url, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
}
