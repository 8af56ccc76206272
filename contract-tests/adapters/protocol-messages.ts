import type { AdapterInfo } from '../report/report-types.js';
import type { AdapterCall, AdapterResult } from './adapter-session.js';

/** A line the adapter wrote on stdout, understood; or why it is not protocol. */
export type AdapterMessage =
  | { readonly type: 'ready'; readonly info: AdapterInfo }
  | { readonly type: 'result'; readonly result: AdapterResult }
  | { readonly type: 'invalid'; readonly problem: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks a ready message's fields; returns the problem, or undefined when it is valid. */
export function readyProblem(message: Record<string, unknown>): string | undefined {
  if (typeof message['name'] !== 'string' || message['name'] === '') return 'ready needs a non-empty "name"';
  if (typeof message['version'] !== 'string') return 'ready needs a string "version"';
  if (message['library'] !== undefined && typeof message['library'] !== 'string')
    return 'ready "library" must be a string';
  if (message['concurrent'] !== undefined && typeof message['concurrent'] !== 'boolean')
    return 'ready "concurrent" must be a boolean';
  return undefined;
}

/** Checks a result's fields (without `type`); returns the problem, or undefined when it is valid. */
export function resultProblem(message: Record<string, unknown>): string | undefined {
  if (typeof message['id'] !== 'string') return 'result needs the string "id" of its call';
  const hasStatus = message['status'] !== undefined;
  const hasError = message['error'] !== undefined;
  if (hasStatus === hasError) return 'result needs exactly one of "status" and "error"';
  if (hasStatus && !(Number.isInteger(message['status']) && (message['status'] as number) >= 100))
    return 'result "status" must be an HTTP status code';
  if (hasError && typeof message['error'] !== 'string') return 'result "error" must be a string';
  return undefined;
}

/** Parses one stdout line of the adapter protocol v1. */
export function parseAdapterLine(line: string): AdapterMessage {
  let message: unknown;
  try {
    message = JSON.parse(line);
  } catch {
    return { type: 'invalid', problem: 'not JSON' };
  }
  if (!isRecord(message)) return { type: 'invalid', problem: 'not a JSON object' };
  if (message['type'] === 'ready') {
    const problem = readyProblem(message);
    return problem === undefined
      ? { type: 'ready', info: { ...message, type: 'ready' } as AdapterInfo }
      : { type: 'invalid', problem };
  }
  if (message['type'] === 'result') {
    const problem = resultProblem(message);
    if (problem !== undefined) return { type: 'invalid', problem };
    const { type: _type, ...result } = message;
    return { type: 'result', result: result as unknown as AdapterResult };
  }
  return { type: 'invalid', problem: `unknown message type ${JSON.stringify(message['type'] ?? null)}` };
}

/** The kit's call message, one line. */
export const callLine = (call: AdapterCall): string => `${JSON.stringify({ type: 'call', ...call })}\n`;

/** The kit's shutdown message, one line. */
export const SHUTDOWN_LINE = '{"type":"shutdown"}\n';
