import { median } from './figure.js';
import { slope } from './slope.js';

/** One post-GC reading of a server, in MB, at `atS` seconds into the measuring window. */
export interface MemoryReading {
  readonly atS: number;
  readonly rssMb: number;
  readonly heapMb: number;
}

/** How RSS and the live heap moved over a window of post-GC readings. */
export interface MemoryTrend {
  readonly minutes: number;
  /** Medians of the first and last EDGE_READINGS readings: one reading moves with V8's page keeping. */
  readonly rssStartMb: number;
  readonly rssEndMb: number;
  /** Least-squares slope over every reading, MB a minute. */
  readonly rssSlopeMbPerMin: number;
  readonly heapStartMb: number;
  readonly heapEndMb: number;
  readonly heapSlopeMbPerMin: number;
  /** The RSS trend line's rise over the window: slope × minutes. */
  readonly rssRiseMb: number;
}

const EDGE_READINGS = 3;

/** Sums up readings taken at a steady pace over a measuring window. */
export function memoryTrend(readings: readonly MemoryReading[]): MemoryTrend {
  if (readings.length === 0) throw new RangeError('no readings');
  const first = readings.slice(0, EDGE_READINGS);
  const last = readings.slice(-EDGE_READINGS);
  const perMinute = (pick: (reading: MemoryReading) => number): number =>
    slope(readings.map((reading) => ({ x: reading.atS / 60, y: pick(reading) })));
  const minutes = ((readings.at(-1)?.atS ?? 0) - (readings[0]?.atS ?? 0)) / 60;
  const rssSlopeMbPerMin = perMinute((reading) => reading.rssMb);
  return {
    minutes,
    rssStartMb: median(first.map((reading) => reading.rssMb)),
    rssEndMb: median(last.map((reading) => reading.rssMb)),
    rssSlopeMbPerMin,
    heapStartMb: median(first.map((reading) => reading.heapMb)),
    heapEndMb: median(last.map((reading) => reading.heapMb)),
    heapSlopeMbPerMin: perMinute((reading) => reading.heapMb),
    rssRiseMb: rssSlopeMbPerMin * minutes,
  };
}
