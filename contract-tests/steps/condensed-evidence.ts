import type { Evidence } from '../report/report-types.js';
import type { ObservedApiCall, Observation } from './observation.js';

/**
 * The evidence of a scenario that made many calls (a refresh located by hundreds of probes), shortened to
 * what a reader needs: every token request, the first and last calls, every call the hub did not answer
 * 2xx, and the calls just before and after each token request. Each run of calls left out becomes one line
 * saying how many, which token they carried and how they were answered.
 */
export function condensedEvidence(seen: Observation, around = 2): Evidence[] {
  const calls = seen.apiCalls;
  const keep = new Set<number>();
  calls.forEach((apiCall, index) => {
    if (index < around || index >= calls.length - around || apiCall.status >= 300) keep.add(index);
  });
  for (const token of seen.tokens) {
    const after = calls.findIndex((apiCall) => apiCall.seq > token.seq);
    const first = after < 0 ? calls.length : after;
    for (let index = first - around; index < first + around; index += 1)
      if (index >= 0 && index < calls.length) keep.add(index);
  }
  const items: { seq: number; evidence: Evidence }[] = seen.tokens.map((token) => ({
    seq: token.seq,
    evidence: seen.tokenEvidence(token),
  }));
  let skipped: ObservedApiCall[] = [];
  const flush = (): void => {
    const first = skipped[0];
    const last = skipped.at(-1);
    if (first === undefined || last === undefined) return;
    const labels = [
      ...new Set(skipped.map((apiCall) => seen.tokenOf(apiCall.jti)?.label ?? 'another token')),
    ];
    const statuses = [...new Set(skipped.map((apiCall) => apiCall.status))];
    items.push({
      seq: first.seq,
      evidence: {
        at_ms: null,
        text: `${skipped.length} more call(s) not listed, ${((first.atMs - seen.t0) / 1000).toFixed(2)} s to ${((last.atMs - seen.t0) / 1000).toFixed(2)} s: each carried ${labels.join(' or ')} → ${statuses.join('/')}`,
      },
    });
    skipped = [];
  };
  calls.forEach((apiCall, index) => {
    if (keep.has(index)) {
      flush();
      items.push({ seq: apiCall.seq, evidence: seen.apiCallEvidence(apiCall) });
    } else skipped.push(apiCall);
  });
  flush();
  return items.sort((a, b) => a.seq - b.seq).map((item) => item.evidence);
}
