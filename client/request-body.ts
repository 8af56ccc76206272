/**
 * Whether a request body can be sent a second time, as the retry after a 401 needs. Strings, bytes,
 * blobs, form data and URL parameters are serialized anew on each send; a stream (or an async iterable,
 * which Node's fetch also takes) is consumed by the first send and cannot be.
 */
export function isReplayableBody(body: RequestInit['body']): boolean {
  if (body === undefined || body === null || typeof body === 'string') return true;
  return (
    body instanceof URLSearchParams ||
    body instanceof Blob ||
    body instanceof FormData ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body)
  );
}
