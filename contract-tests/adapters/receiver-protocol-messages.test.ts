import { describe, expect, it } from 'vitest';
import { parseReceiverLine, stateQueryLine } from './receiver-protocol-messages.js';

describe('webhook receiver protocol v1 messages', () => {
  it('reads the ready message of DESIGN.md §8, keeping every field', () => {
    const line =
      '{"type":"ready","role":"webhook-receiver","name":"acme-webhooks","version":"3.0.1","library":"flask 2.2","url":"http://127.0.0.1:5000/webhook"}';
    expect(parseReceiverLine(line)).toEqual({
      kind: 'ready',
      info: {
        type: 'ready',
        role: 'webhook-receiver',
        name: 'acme-webhooks',
        version: '3.0.1',
        library: 'flask 2.2',
        url: 'http://127.0.0.1:5000/webhook',
      },
    });
  });

  it('reads applied messages and state answers', () => {
    expect(
      parseReceiverLine(
        '{"type":"applied","event_id":"e1","service_request_id":"VC-1","action":"BROADCAST_RECEIVED","request_status":"AVAILABLE"}',
      ),
    ).toEqual({
      kind: 'note',
      note: {
        event_id: 'e1',
        service_request_id: 'VC-1',
        action: 'BROADCAST_RECEIVED',
        request_status: 'AVAILABLE',
      },
    });
    expect(
      parseReceiverLine(
        '{"type":"state","id":"4","request_status":"ASSIGNED","action":"BROADCAST_ACCEPTED","event_id":"e2"}',
      ),
    ).toEqual({
      kind: 'reply',
      id: '4',
      reply: { request_status: 'ASSIGNED', action: 'BROADCAST_ACCEPTED', event_id: 'e2' },
    });
    expect(parseReceiverLine('{"type":"state","id":"5","request_status":null}')).toEqual({
      kind: 'reply',
      id: '5',
      reply: { request_status: null, action: null, event_id: null },
    });
  });

  it.each([
    ['Webhook received', 'not JSON'],
    ['[]', 'not a JSON object'],
    [
      '{"type":"ready","name":"a","version":"1","url":"http://127.0.0.1:1/"}',
      'ready needs "role":"webhook-receiver" (got null; a client adapter is certified with --adapter)',
    ],
    [
      '{"type":"ready","role":"webhook-receiver","name":"a","version":"1"}',
      'ready needs the "url" the receiver listens on',
    ],
    [
      '{"type":"ready","role":"webhook-receiver","name":"a","version":"1","url":"ftp://x/"}',
      'ready "url" must be http:// or https://, got "ftp://x/"',
    ],
    [
      '{"type":"applied","event_id":"e1","service_request_id":"VC-1","action":"X"}',
      'applied needs a non-empty string "request_status"',
    ],
    ['{"type":"state","request_status":null}', 'state needs the string "id" of its query'],
    [
      '{"type":"state","id":"1","request_status":""}',
      'state needs "request_status": a string, or null when the application holds nothing',
    ],
    ['{"type":"result","id":"1","status":200}', 'unknown message type "result"'],
  ])('refuses %s: %s', (line, problem) => {
    expect(parseReceiverLine(line)).toEqual({ kind: 'invalid', problem });
  });

  it('writes a state query as one JSON line in the documented shape', () => {
    const line = stateQueryLine('4', 'VC-BSBBCY5Q');
    expect(line.endsWith('\n')).toBe(true);
    expect(JSON.parse(line)).toEqual({ type: 'state', id: '4', service_request_id: 'VC-BSBBCY5Q' });
  });
});
