import type { TimelineAction } from './timeline-types.js';

/**
 * The timeline picture's colours, shared by the picture and its legend. Call ticks follow the brief a
 * partner reads first: 2xx green, 401 red, any other 4xx/5xx orange, a dropped connection (status 0) grey.
 */
export const TIMELINE_COLOURS = {
  ink: '#1f2328',
  muted: '#59636e',
  grid: '#e6e9ed',
  rowStripe: '#f6f8fa',
  bar: '#dbe8fb',
  barStroke: '#5b8fd6',
  reuseLine: '#59636e',
  refreshMark: '#1b3a6b',
  tokenOk: '#5b8fd6',
  tokenFailed: '#cf222e',
  ok: '#1a7f37',
  unauthorized: '#cf222e',
  otherError: '#e16f24',
  dropped: '#8c959f',
  informational: '#6e7781',
  kitCall: '#8c959f',
  now: '#bf3989',
} as const;

/** The colour of each kind of kit action's marker. */
export const ACTION_COLOURS: Readonly<Record<TimelineAction['kind'], string>> = {
  call: TIMELINE_COLOURS.kitCall,
  result: TIMELINE_COLOURS.kitCall,
  revoke: '#8250df',
  clock: '#0969da',
  fault: '#bc4c00',
  reset: '#24292f',
  note: '#59636e',
};

/** The groups call statuses fall into, each with one colour. */
export type CallStatusGroup =
  'status-2xx' | 'status-401' | 'status-error' | 'status-dropped' | 'status-other';

export function callStatusGroup(status: number): CallStatusGroup {
  if (status >= 200 && status < 300) return 'status-2xx';
  if (status === 401) return 'status-401';
  if (status >= 400) return 'status-error';
  if (status === 0) return 'status-dropped';
  return 'status-other';
}

export const CALL_STATUS_COLOURS: Readonly<Record<CallStatusGroup, string>> = {
  'status-2xx': TIMELINE_COLOURS.ok,
  'status-401': TIMELINE_COLOURS.unauthorized,
  'status-error': TIMELINE_COLOURS.otherError,
  'status-dropped': TIMELINE_COLOURS.dropped,
  'status-other': TIMELINE_COLOURS.informational,
};

export const CALL_STATUS_WORDS: Readonly<Record<CallStatusGroup, string>> = {
  'status-2xx': 'call 2xx',
  'status-401': 'call 401',
  'status-error': 'call other 4xx/5xx',
  'status-dropped': 'call dropped (no response)',
  'status-other': 'call 1xx/3xx',
};
