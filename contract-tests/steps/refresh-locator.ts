import type { KitCall } from './kit-call.js';
import { ScenarioError } from './judgement.js';
import type { ObservedApiCall, ObservedToken, Observation } from './observation.js';
import type { ScenarioContext } from './scenario-context.js';

/** The most a scan's second try ends before expiry: more would cost the location its precision. */
const MAX_GUARD_MS = 2_000;

/** Bearer checks that say the token itself was read: anything else is bearer-header's finding. */
const READABLE_CHECKS = new Set(['valid', 'expired', 'revoked']);

/**
 * What one token's life showed about when the client replaces it. Ages are ms after the mock sent the token
 * (its answer to the token request: the client counts from when it read it, a moment later; the token's
 * `exp` counts from its issue, a moment earlier).
 *
 * - `point`: the client obtained its next token at an age in `(loMs, hiMs]`. `trigger` says how: `call`, it
 *   asked while making a call (a client that checks its token when asked for one), so `loMs` is the last call
 *   that still presented the token and `hiMs` when the next was requested; `own`, it asked between calls (a
 *   timer), exactly at `hiMs`; `401`, only once the hub had refused the token as expired, a moment after its
 *   expiry and before the client's own count ran out (the answer's latency: no-expired-token's finding).
 * - `every-call`: a call made right after the token was obtained already fetched another.
 * - `never`: the token was presented after its expiry, at `presentedAtMs`, twice the kit's allowance after
 *   the client's own count of the lifetime ran out.
 * - `refused`: the hub refused the calls at its bearer check (`check`), so no refresh can be seen.
 */
export type LocatedRefresh =
  | {
      readonly kind: 'point';
      readonly lifetimeMs: number;
      readonly loMs: number;
      readonly hiMs: number;
      readonly trigger: 'call' | 'own' | '401';
      readonly probes: number;
      readonly token: string;
      readonly next: string;
    }
  | {
      readonly kind: 'every-call';
      readonly lifetimeMs: number;
      readonly probes: number;
      readonly token: string;
    }
  | {
      readonly kind: 'never';
      readonly lifetimeMs: number;
      readonly presentedAtMs: number;
      readonly probes: number;
      readonly token: string;
    }
  | {
      readonly kind: 'refused';
      readonly lifetimeMs: number;
      readonly check: string;
      readonly probes: number;
    };

/** A located refresh point. */
export type LocatedPoint = Extract<LocatedRefresh, { kind: 'point' }>;

export interface LocateOptions {
  /**
   * `scan`: probes every `spacingMs` (the first half of it in) through the token's life (out of process, where waiting is real).
   * `bisect`: halves the interval the refresh lies in until it is `resolutionMs` wide, over as many token
   * lives as that takes (virtual time, where waiting costs nothing). Bisecting assumes every token of one
   * lifetime is replaced at the same age, which a client that decides on each call does.
   */
  readonly method: 'scan' | 'bisect';
  readonly spacingMs: number;
  readonly resolutionMs: number;
  /**
   * The first probe past expiry comes this long after the client's own count of the lifetime ran out (from
   * when the mock sent the answer), and if the token is still presented, a second one this much later: a
   * client still presenting it then never refreshes it. Two, because a whole-second clock (ruby-oauth2's
   * `expired?`) renews up to 1 s after its own count, and that count began when the client read its answer,
   * a moment after the mock sent it: a single probe 1 s after the mock's count can come just too early.
   */
  readonly afterExpiryMs: number;
  /**
   * How far before expiry a scan stops when a probe arrived too late and met the token just expired (a busy
   * machine): the scan then starts again in the next token's life, ending this much (or twice the worst
   * probe delay seen) before expiry.
   */
  readonly guardMs: number;
}

/** The newest token issued to the client, or undefined. */
export function currentToken(seen: Observation): ObservedToken | undefined {
  return seen.issued.at(-1);
}

/** The first token issued after `token`. */
function nextAfter(seen: Observation, token: ObservedToken): ObservedToken | undefined {
  return seen.issued.find((candidate) => candidate.seq > token.seq);
}

/** The first hub request made for `call`; a ScenarioError when there was none. */
function firstRequest(seen: Observation, call: KitCall): ObservedApiCall {
  const request = seen.requestsFor(call)[0];
  if (request === undefined)
    throw new ScenarioError(`call ${call.id} never reached the hub`, seen.allEvidence());
  return request;
}

/** Whether a token was requested while one of the kit's calls was being made (so that call caused it). */
function requestedDuringACall(token: ObservedToken, calls: readonly KitCall[]): boolean {
  return calls.some((call) => {
    const answeredAt =
      call.outcome.kind === 'answered' ? call.outcome.answeredAtMs : Number.POSITIVE_INFINITY;
    return token.atMs >= call.sentAtMs && token.atMs <= answeredAt;
  });
}

/** What a probe call showed about a token's life. */
type ProbeResult =
  | { readonly kind: 'kept'; readonly ageMs: number }
  | {
      readonly kind: 'expired';
      readonly ageMs: number;
      /** The hub's 401 made the client fetch a new token within this call (to retry it). */
      readonly renewedOn401: boolean;
    }
  | { readonly kind: 'replaced'; readonly next: ObservedToken; readonly duringCall: boolean }
  | { readonly kind: 'refused'; readonly check: string };

function probeResult(seen: Observation, token: ObservedToken, call: KitCall): ProbeResult {
  const request = firstRequest(seen, call);
  if (request.tokenCheck !== null && !READABLE_CHECKS.has(request.tokenCheck))
    return { kind: 'refused', check: request.tokenCheck };
  if (request.jti === token.jti) {
    const ageMs = request.atMs - token.answeredAtMs;
    if (request.tokenCheck !== 'expired') return { kind: 'kept', ageMs };
    const next = nextAfter(seen, token);
    return { kind: 'expired', ageMs, renewedOn401: next !== undefined && requestedDuringACall(next, [call]) };
  }
  const next = nextAfter(seen, token);
  if (next === undefined)
    throw new ScenarioError(
      `call ${call.id} presented a token this client was never issued, neither ${token.label} nor a later one`,
      seen.allEvidence(),
    );
  return { kind: 'replaced', next, duringCall: requestedDuringACall(next, seen.calls) };
}

/**
 * Locates when the client replaces its current token (the newest it was issued; the kit must have made a
 * call first). Probes are calls; the first comes at once, to tell a client that fetches a token for every
 * call. Returns when the replacement is located, or the token was presented past the kit's allowance.
 */
export async function locateRefresh(s: ScenarioContext, options: LocateOptions): Promise<LocatedRefresh> {
  const start = currentToken(s.observe());
  if (start === undefined || start.expiresIn === null)
    throw new ScenarioError('the client never obtained a token', s.observe().allEvidence());
  const lifetimeMs = start.expiresIn * 1000;
  let probes = 0;
  let worstDelayMs = 0;
  // Probes are placed by the token's request (when it was issued), so one placed before its lifetime is over
  // reaches the hub before its exp however long the answer took; what they find is aged from the answer.
  const at = async (token: ObservedToken, ageMs: number): Promise<ProbeResult> => {
    await s.waitUntil(token.atMs + ageMs);
    const call = await s.call();
    probes += 1;
    const seen = s.observe();
    const reached = seen.requestsFor(call)[0];
    if (reached !== undefined) worstDelayMs = Math.max(worstDelayMs, reached.atMs - (token.atMs + ageMs));
    return probeResult(seen, token, call);
  };
  /** The probes past a token's expiry: the client's own count of it over, plus the allowance (then twice it). */
  const pastExpiryAgeMs = lifetimeMs + options.afterExpiryMs;
  /** A token still presented at this age is never replaced. */
  const neverAgeMs = pastExpiryAgeMs + options.afterExpiryMs;
  const pastExpiryMs = (token: ObservedToken, ageMs = pastExpiryAgeMs): number =>
    token.answeredAtMs - token.atMs + ageMs;
  const point = (
    token: ObservedToken,
    loMs: number,
    next: ObservedToken,
    trigger: LocatedPoint['trigger'],
  ): LocatedPoint => {
    const hiMs = next.atMs - token.answeredAtMs;
    return {
      kind: 'point',
      lifetimeMs,
      loMs: trigger === 'own' ? hiMs : Math.min(loMs, hiMs),
      hiMs,
      trigger,
      probes,
      token: token.label,
      next: next.label,
    };
  };
  const refused = (check: string): LocatedRefresh => ({ kind: 'refused', lifetimeMs, check, probes });
  const never = (token: ObservedToken, ageMs: number): LocatedRefresh => ({
    kind: 'never',
    lifetimeMs,
    presentedAtMs: ageMs,
    probes,
    token: token.label,
  });

  const first = await at(start, 0);
  if (first.kind === 'refused') return refused(first.check);
  if (first.kind === 'replaced')
    return first.duringCall
      ? { kind: 'every-call', lifetimeMs, probes, token: start.label }
      : point(start, 0, first.next, 'own');
  const firstAge = first.ageMs;
  if (options.method === 'bisect') return bisect();
  return scan(start, firstAge, 0, false);

  /** Probes through a token's life, then once past its expiry. */
  async function scan(
    token: ObservedToken,
    fromMs: number,
    guardMs: number,
    retried: boolean,
  ): Promise<LocatedRefresh> {
    let loMs = fromMs;
    const ages: number[] = [];
    // Half a spacing off the whole multiples: a client deciding at a round age (80% of 300 s, 10 s before
    // expiry) then falls mid-way between two probes, and the middle of the interval is where it decided.
    for (let age = options.spacingMs / 2; age < lifetimeMs - guardMs; age += options.spacingMs)
      ages.push(age);
    ages.push(pastExpiryMs(token), pastExpiryMs(token, neverAgeMs));
    for (const age of ages) {
      const result = await at(token, age);
      if (result.kind === 'refused') return refused(result.check);
      if (result.kind === 'replaced')
        return point(token, loMs, result.next, result.duringCall ? 'call' : 'own');
      if (result.kind === 'kept') {
        loMs = result.ageMs;
        continue;
      }
      // Presented after its expiry: past twice the allowance, the client never refreshes it; past once, it
      // never did either if only the hub's 401 made it fetch a new token, else it may be a whole-second clock
      // a moment short of its next second: look once more.
      if (result.ageMs >= neverAgeMs || (result.ageMs >= pastExpiryAgeMs && result.renewedOn401))
        return never(token, result.ageMs);
      if (result.ageMs >= pastExpiryAgeMs) {
        loMs = result.ageMs;
        continue;
      }
      // Just after expiry, before the client's own count ran out: it was still using its token, and the probe
      // cannot tell when it would have replaced it. Look again in the next token's life, ending earlier.
      const next = nextAfter(s.observe(), token);
      if (next === undefined) continue;
      if (retried || next.expiresIn !== token.expiresIn) return point(token, result.ageMs, next, '401');
      return scan(next, 0, Math.min(MAX_GUARD_MS, Math.max(options.guardMs, 2 * worstDelayMs)), true);
    }
    throw new ScenarioError(
      `the client still held ${token.label} after its last probe`,
      s.observe().allEvidence(),
    );
  }

  /** Probes past expiry first (a client that keeps its token then never refreshes), then halves. */
  async function bisect(): Promise<LocatedRefresh> {
    let token = start as ObservedToken;
    let loMs = firstAge;
    let past = await at(token, pastExpiryMs(token));
    if (past.kind === 'expired' && past.renewedOn401) return never(token, past.ageMs);
    if (past.kind === 'kept' || past.kind === 'expired') {
      loMs = past.ageMs;
      past = await at(token, pastExpiryMs(token, neverAgeMs));
    }
    if (past.kind === 'refused') return refused(past.check);
    if (past.kind !== 'replaced') return never(token, past.ageMs);
    let located = point(token, loMs, past.next, past.duringCall ? 'call' : 'own');
    token = past.next;
    while (located.trigger === 'call' && located.hiMs - loMs > options.resolutionMs) {
      const result = await at(token, Math.round((loMs + located.hiMs) / 2));
      if (result.kind === 'refused') return refused(result.check);
      if (result.kind !== 'replaced') {
        loMs = result.ageMs;
        continue;
      }
      located = point(token, loMs, result.next, result.duringCall ? 'call' : 'own');
      token = result.next;
    }
    return { ...located, loMs: Math.min(loMs, located.hiMs), probes };
  }
}
