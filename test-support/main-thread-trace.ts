import type { Page } from 'playwright-core';

/**
 * A Chromium trace of a page's renderer main thread, where its script, style, layout and paint recording run,
 * read for the two things a timing test needs: the page's own User Timing measures, and the tasks the thread
 * ran, each with its wall time and its thread time (the CPU the thread itself used). Thread time does not grow
 * when other processes hold the cores, so a bound on it holds on a busy machine where a wall-clock one would not.
 */

/** A task the renderer main thread ran, times in ms on the trace's clock. */
export interface MainThreadTask {
  readonly startMs: number;
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** A User Timing measure as the trace has it, times in ms on the trace's clock. */
export interface TracedMeasure {
  readonly name: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly detail: unknown;
}

export interface MainThreadTrace {
  readonly tasks: readonly MainThreadTask[];
  readonly measures: readonly TracedMeasure[];
}

/** What the main thread did while a measure lasted: the tasks that overlap it, whole. */
export interface MeasureCost {
  readonly wallMs: number;
  /** The overlapping tasks' thread time, whole: an upper bound of the CPU the measured work took. */
  readonly cpuMs: number;
  readonly tasks: number;
  /** The longest of those tasks, in thread time and in wall time. */
  readonly longestTaskCpuMs: number;
  readonly longestTaskWallMs: number;
}

interface TraceEvent {
  readonly name: string;
  readonly cat: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  readonly tdur?: number;
  readonly id?: string;
  readonly id2?: { readonly local?: string };
  readonly args?: Record<string, unknown>;
}

const MAIN_THREAD = 'CrRendererMain';

/** Runs `during` with the page traced, and returns the page's main-thread tasks and User Timing measures. */
export async function traceMainThread(page: Page, during: () => Promise<void>): Promise<MainThreadTrace> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (data) => events.push(...(data.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['toplevel', 'blink.user_timing', '__metadata'] },
  });
  try {
    await during();
  } finally {
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
  }
  return readTrace(events);
}

function readTrace(events: readonly TraceEvent[]): MainThreadTrace {
  // The renderer that recorded the page's measures, and its main thread.
  const measureEvents = events
    .filter((event) => event.cat.includes('blink.user_timing'))
    .sort((a, b) => a.ts - b.ts || Number(a.ph === 'e') - Number(b.ph === 'e'));
  const pid = measureEvents[0]?.pid;
  const mainThread = events.find(
    (event) =>
      event.ph === 'M' &&
      event.name === 'thread_name' &&
      event.pid === pid &&
      event.args?.['name'] === MAIN_THREAD,
  );
  if (pid === undefined || mainThread === undefined)
    throw new Error('traceMainThread: the trace has no User Timing measure, or no renderer main thread');
  const tasks = outermost(
    events.filter((event) => event.ph === 'X' && event.pid === pid && event.tid === mainThread.tid),
  ).map((event) => ({
    startMs: event.ts / 1000,
    wallMs: (event.dur ?? 0) / 1000,
    cpuMs: (event.tdur ?? event.dur ?? 0) / 1000,
  }));
  // A measure is an async pair: 'b' at its start (with its detail), 'e' at its end, sharing an id.
  const open = new Map<string, TraceEvent>();
  const measures: TracedMeasure[] = [];
  for (const event of measureEvents) {
    const key = `${event.name}/${event.id ?? event.id2?.local ?? ''}`;
    if (event.ph === 'b') open.set(key, event);
    else if (event.ph === 'e') {
      const begin = open.get(key);
      if (begin === undefined) continue;
      open.delete(key);
      measures.push({
        name: event.name,
        startMs: begin.ts / 1000,
        endMs: event.ts / 1000,
        detail: parseDetail(begin.args?.['detail']),
      });
    }
  }
  return { tasks, measures };
}

/**
 * The thread's work as the outermost of its `toplevel` events: each task (ThreadControllerImpl::RunTask),
 * and what runs beside them, such as the microtask checkpoint after a task, where the page's promise
 * continuations (an awaited fetch, and all it goes on to do) run. Nested events are part of their parent.
 */
function outermost(events: readonly TraceEvent[]): TraceEvent[] {
  const sorted = [...events].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const outer: TraceEvent[] = [];
  let end = Number.NEGATIVE_INFINITY;
  for (const event of sorted) {
    if (event.ts < end) continue;
    outer.push(event);
    end = event.ts + (event.dur ?? 0);
  }
  return outer;
}

/** Chromium puts a measure's detail in the trace as JSON text. */
function parseDetail(detail: unknown): unknown {
  if (typeof detail !== 'string') return detail;
  try {
    return JSON.parse(detail) as unknown;
  } catch {
    return detail;
  }
}

/** The main thread's work while `measure` lasted. */
export function costOf(trace: MainThreadTrace, measure: TracedMeasure): MeasureCost {
  const overlapping = trace.tasks.filter(
    (task) => task.startMs < measure.endMs && task.startMs + task.wallMs > measure.startMs,
  );
  return {
    wallMs: measure.endMs - measure.startMs,
    cpuMs: overlapping.reduce((sum, task) => sum + task.cpuMs, 0),
    tasks: overlapping.length,
    longestTaskCpuMs: Math.max(0, ...overlapping.map((task) => task.cpuMs)),
    longestTaskWallMs: Math.max(0, ...overlapping.map((task) => task.wallMs)),
  };
}
