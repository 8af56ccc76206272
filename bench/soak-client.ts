/** What one step of a virtual client did, for the soak's counters. */
export type SoakOutcome = 'token' | 'hub' | 'revoked' | 'refused' | 'error';

/** One unexpected answer, kept for the soak's report. */
export interface SoakError {
  readonly what: string;
  readonly detail: string;
}

const STATE_PATH = '/requests/KP-SOAK0001/state/';

/**
 * A partner's client as the soak plays it: it gets a token, reuses it, refreshes it at 80% of its
 * lifetime, retries once with a fresh token after a 401, and now and then has its tokens revoked through
 * the control API or presents a wrong secret. Every answer is checked against what the mock must say.
 */
export class SoakClient {
  #token: string | undefined;
  #refreshAtMs = 0;
  /** Revocations of this client started so far: steps of one client run concurrently. */
  #revocations = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly clientId: string,
    private readonly clientSecret: string,
    private readonly random: () => number,
    private readonly onError: (error: SoakError) => void,
  ) {}

  /** One step of traffic: usually a hub call, sometimes a revocation or a refused token request. */
  async step(): Promise<SoakOutcome> {
    try {
      const roll = this.random();
      if (roll < 0.02) return await this.#revoke();
      if (roll < 0.05) return await this.#wrongSecret();
      return await this.#hubCall();
    } catch (error) {
      this.onError({ what: 'network', detail: error instanceof Error ? error.message : String(error) });
      return 'error';
    }
  }

  async #fetchToken(): Promise<string | undefined> {
    const response = await fetch(`${this.baseUrl}/v2.0/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: this.clientId,
        client_secret: this.clientSecret,
      }),
    });
    const text = await response.text();
    if (response.status !== 200) {
      this.onError({ what: `token ${response.status}`, detail: text.slice(0, 200) });
      return undefined;
    }
    const body = JSON.parse(text) as { access_token: string; expires_in: number };
    this.#token = body.access_token;
    this.#refreshAtMs = Date.now() + body.expires_in * 800;
    return body.access_token;
  }

  async #hubCall(): Promise<SoakOutcome> {
    let fetched = false;
    if (this.#token === undefined || Date.now() >= this.#refreshAtMs) {
      if ((await this.#fetchToken()) === undefined) return 'error';
      fetched = true;
    }
    const revocationsBefore = this.#revocations;
    let response = await this.#callHub();
    if (response.status === 401) {
      // The token was revoked since: one fresh token, one retry, as the contract asks.
      await response.text();
      if ((await this.#fetchToken()) === undefined) return 'error';
      response = await this.#callHub();
    }
    const text = await response.text();
    // A concurrent step of this client may have revoked the fresh token too: then a 401 is right.
    if (response.status === 401 && this.#revocations !== revocationsBefore) return 'revoked';
    if (response.status !== 201) {
      this.onError({ what: `hub ${response.status}`, detail: text.slice(0, 200) });
      return 'error';
    }
    return fetched ? 'token' : 'hub';
  }

  #callHub(): Promise<Response> {
    return fetch(`${this.baseUrl}/openapi/v2.0${STATE_PATH}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.#token ?? ''}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'en_route', timestamp: new Date(Date.now() - 60_000).toISOString() }),
    });
  }

  async #revoke(): Promise<SoakOutcome> {
    this.#revocations += 1;
    const response = await fetch(`${this.baseUrl}/__control/tokens/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: this.clientId }),
    });
    const text = await response.text();
    if (response.status !== 200) {
      this.onError({ what: `revoke ${response.status}`, detail: text.slice(0, 200) });
      return 'error';
    }
    return 'revoked';
  }

  async #wrongSecret(): Promise<SoakOutcome> {
    const response = await fetch(`${this.baseUrl}/v2.0/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: this.clientId,
        client_secret: `${this.clientSecret}-wrong`,
      }),
    });
    const text = await response.text();
    if (response.status !== 401 || !text.includes('invalid_client')) {
      this.onError({ what: `wrong secret ${response.status}`, detail: text.slice(0, 200) });
      return 'error';
    }
    return 'refused';
  }
}
