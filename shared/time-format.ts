/**
 * How the HTML report writes times: scenario-relative milliseconds as seconds, run lengths as durations,
 * and the run's start in UTC. Deterministic (no locale, no time zone) so a report renders the same
 * anywhere.
 */

/** Milliseconds from a scenario's start as seconds: `3.25 s` below 100 s, `245.1 s` above. */
export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${seconds.toFixed(Math.abs(seconds) < 100 ? 2 : 1)} s`;
}

/** A length of time for people: `850 ms`, `4.2 s`, `5 min 12 s`, `1 h 02 min`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return String(ms);
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, '0')} min`;
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}

/** An ISO timestamp as `2026-01-15 14:30:00 UTC`; anything unparseable is returned as given. */
export function formatTimestamp(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
