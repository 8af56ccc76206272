import { describe, expect, it } from 'vitest';
import { callLine, parseAdapterLine } from './protocol-messages.js';

describe('adapter protocol v1 messages', () => {
  it('reads the ready message of DESIGN.md §5, keeping every field', () => {
    const line =
      '{"type":"ready","name":"acme-dispatch","version":"2.1.0","library":"authlib 1.2.0","concurrent":true}';
    expect(parseAdapterLine(line)).toEqual({
      type: 'ready',
      info: {
        type: 'ready',
        name: 'acme-dispatch',
        version: '2.1.0',
        library: 'authlib 1.2.0',
        concurrent: true,
      },
    });
  });

  it('reads results with a status or an error', () => {
    expect(parseAdapterLine('{"type":"result","id":"7","status":201,"body":{"name":"en_route"}}')).toEqual({
      type: 'result',
      result: { id: '7', status: 201, body: { name: 'en_route' } },
    });
    expect(parseAdapterLine('{"type":"result","id":"7","error":"token request failed"}')).toEqual({
      type: 'result',
      result: { id: '7', error: 'token request failed' },
    });
  });

  it.each([
    ['calling /requests/x', 'not JSON'],
    ['[1,2]', 'not a JSON object'],
    ['{"type":"hello"}', 'unknown message type "hello"'],
    ['{"type":"ready","version":"1"}', 'ready needs a non-empty "name"'],
    ['{"type":"ready","name":"a","version":"1","concurrent":"yes"}', 'ready "concurrent" must be a boolean'],
    ['{"type":"result","id":7,"status":201}', 'result needs the string "id" of its call'],
    ['{"type":"result","id":"7"}', 'result needs exactly one of "status" and "error"'],
    [
      '{"type":"result","id":"7","status":201,"error":"x"}',
      'result needs exactly one of "status" and "error"',
    ],
    ['{"type":"result","id":"7","status":"201"}', 'result "status" must be an HTTP status code'],
  ])('refuses %s: %s', (line, problem) => {
    expect(parseAdapterLine(line)).toEqual({ type: 'invalid', problem });
  });

  it('writes a call as one JSON line in the documented shape', () => {
    const line = callLine({
      id: '7',
      method: 'POST',
      path: '/requests/KP-ABCD1234/state/',
      body: { name: 'en_route' },
    });
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({
      type: 'call',
      id: '7',
      method: 'POST',
      path: '/requests/KP-ABCD1234/state/',
      body: { name: 'en_route' },
    });
  });
});
