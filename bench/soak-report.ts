import type { MemoryTrend } from './memory-trend.js';
import type { ServerStats } from './server-handle.js';
import type { Bound } from './server-process.js';

const MB = 2 ** 20;
const mb = (bytes: number | null): string => (bytes === null ? '-' : (bytes / MB).toFixed(1));
const bound = (name: string, value: Bound): string => `${name} ${value.size}/${value.capacity}`;
const signed = (value: number): string => `${value < 0 ? '−' : '+'}${Math.abs(value).toFixed(2)}`;

/**
 * One reading of the server, in MB: RSS split into anonymous memory (V8's heap, malloc, stacks) and file
 * pages (code), V8's heap as live and as held, memory outside it, and how full each bounded structure is.
 */
export function describeStats(stats: ServerStats): string {
  const s = stats.structures;
  return (
    `RSS ${mb(stats.rssBytes)} MB (anon ${mb(stats.rssAnonBytes)}, file ${mb(stats.rssFileBytes)}), ` +
    `heap ${mb(stats.heapUsedBytes)} live / ${mb(stats.heapTotalBytes)} held ` +
    `(new ${mb(stats.newSpaceBytes)}, old ${mb(stats.oldSpaceBytes)}), ` +
    `external ${mb(stats.externalBytes)} (buffers ${mb(stats.arrayBuffersBytes)}), ${stats.tcpSockets} sockets` +
    (s === null
      ? ''
      : `; ${bound('recordings', s.recordings)}, ${bound('ledger', s.ledgerTokens)}, ` +
        bound('verifier cache', s.verifierCache))
  );
}

/** How full the structures the warm-up fills are, for its progress line. */
export function describeFill(structures: NonNullable<ServerStats['structures']>): string {
  const { recordings, ledgerTokens, verifierCache } = structures;
  return `${bound('ledger', ledgerTokens)}, ${bound('verifier cache', verifierCache)}, ${bound('recordings', recordings)}`;
}

/** How far the trend lines may move over the window and still count as flat, MB. */
export interface FlatBounds {
  /** RSS: V8 keeps and returns pages from one GC to the next, so single readings wander by several MB. */
  readonly rssMb: number;
  /** The live heap after a full GC: steady to a tenth of a MB, so a leak in JavaScript shows here first. */
  readonly heapMb: number;
}

/** The soak's verdict: no errors, and RSS and live heap trends within their bounds over the window. */
export function soakVerdict(
  errors: number,
  trend: MemoryTrend,
  bounds: FlatBounds,
): { readonly passed: boolean; readonly text: string } {
  const rssFlat = Math.abs(trend.rssRiseMb) <= bounds.rssMb;
  const heapRiseMb = trend.heapSlopeMbPerMin * trend.minutes;
  const heapFlat = Math.abs(heapRiseMb) <= bounds.heapMb;
  const passed = errors === 0 && rssFlat && heapFlat;
  const flatness = (flat: boolean, what: string, bound: number): string =>
    `${what} ${flat ? 'flat' : 'not flat'} (trend ${flat ? 'within' : 'beyond'} ±${bound} MB)`;
  const text =
    `soak: ${errors} errors in the whole run; RSS ${trend.rssStartMb.toFixed(1)} MB at the window's start, ` +
    `${trend.rssEndMb.toFixed(1)} MB at its end, slope ${signed(trend.rssSlopeMbPerMin)} MB/min ` +
    `(${signed(trend.rssRiseMb)} MB over ${trend.minutes.toFixed(1)} min); live heap ` +
    `${trend.heapStartMb.toFixed(1)} → ${trend.heapEndMb.toFixed(1)} MB ` +
    `(slope ${signed(trend.heapSlopeMbPerMin)} MB/min, ${signed(heapRiseMb)} MB)\n` +
    `soak: ${passed ? 'PASS' : 'FAIL'}: ${errors === 0 ? 'no errors' : `${errors} errors`}, ` +
    `${flatness(rssFlat, 'RSS', bounds.rssMb)}, ${flatness(heapFlat, 'live heap', bounds.heapMb)} ` +
    `over the window\n`;
  return { passed, text };
}
