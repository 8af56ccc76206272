import type { Timeline, TimelineAction, TimelineCall, TimelineToken } from '../timeline-types.js';

/**
 * Timelines built by hand for the picture's tests and the report's sample reports. Times are ms from the
 * picture's origin, like the runner's and the dashboard's.
 */

/** Builds a scenario's timeline the way the recorder would see it, one event at a time. */
export class TimelineSketch {
  private readonly tokens: TimelineToken[] = [];
  private readonly calls: TimelineCall[] = [];
  private readonly actions: TimelineAction[] = [];
  private issued = 0;

  constructor(
    private readonly lifetimeS: number,
    private readonly prefix: string,
  ) {}

  /** A token request that got a token; returns its jti. */
  token(atMs: number, authMethod = 'client_secret_post'): string {
    this.issued += 1;
    const jti = `${this.prefix}-${String(this.issued).padStart(2, '0')}-5f0c9a71e2b4`;
    this.tokens.push({
      at_ms: atMs,
      status: 200,
      jti,
      expires_at_ms: atMs + this.lifetimeS * 1000,
      expires_in: this.lifetimeS,
      auth_method: authMethod,
      error: null,
    });
    return jti;
  }

  failedToken(atMs: number, status: number, error: string): this {
    this.tokens.push({
      at_ms: atMs,
      status,
      jti: null,
      expires_at_ms: null,
      expires_in: null,
      auth_method: 'client_secret_post',
      error,
    });
    return this;
  }

  /** The kit asks for a call, the client makes it with `jti`, and the adapter reports the result. */
  call(atMs: number, jti: string | null, status: number, tokenCheck: string | null = 'valid'): this {
    this.actions.push({ at_ms: atMs - 2, kind: 'call', detail: 'POST /requests/KP-ABCD1234/state/' });
    this.calls.push({
      at_ms: atMs,
      method: 'POST',
      path: '/requests/KP-ABCD1234/state/',
      status,
      jti,
      token_check: jti === null ? 'missing' : tokenCheck,
    });
    this.actions.push({ at_ms: atMs + 3, kind: 'result', detail: `status ${status}` });
    return this;
  }

  action(atMs: number, kind: TimelineAction['kind'], detail: string): this {
    this.actions.push({ at_ms: atMs, kind, detail });
    return this;
  }

  build(endMs: number): Timeline {
    const byTime = <T extends { at_ms: number }>(items: T[]): T[] =>
      [...items].sort((a, b) => a.at_ms - b.at_ms);
    return {
      lifetime_s: this.lifetimeS,
      refresh_mark: 0.8,
      end_ms: endMs,
      tokens: byTime(this.tokens),
      calls: byTime(this.calls),
      actions: byTime(this.actions),
    };
  }
}
