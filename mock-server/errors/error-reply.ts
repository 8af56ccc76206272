import type { TransportReply } from '../exchanges/transport-exchange.js';
import type { MockError } from './mock-error.js';

/**
 * The one serializer of errors: the reply for a known error, `application/json` with its status, its headers
 * and its body. Both transports send it as they send any reply (see exchanges/transport-exchange.ts).
 */
export function errorReply(error: MockError): TransportReply {
  return {
    status: error.status,
    headers: { 'content-type': 'application/json', ...error.headers },
    body: JSON.stringify(error.body()),
  };
}
