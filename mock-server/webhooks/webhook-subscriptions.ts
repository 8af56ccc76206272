import { randomBytes } from 'node:crypto';

/** A URL that receives webhooks. */
export interface WebhookSubscription {
  readonly subscriptionId: string;
  readonly url: string;
  /** Only this client's hub calls emit events to it; null: every client's do. */
  readonly clientId: string | null;
  /** From `serve --webhook-url`, the config file or the options: kept by `reset`. */
  readonly configured: boolean;
}

/** The subscriptions, oldest first. URLs are checked before they get here. */
export class WebhookSubscriptions {
  readonly #byId = new Map<string, WebhookSubscription>();
  readonly #random: (n: number) => Uint8Array;

  constructor(random: (n: number) => Uint8Array = randomBytes) {
    this.#random = random;
  }

  add(url: string, clientId: string | null, configured = false): WebhookSubscription {
    let subscriptionId: string;
    do subscriptionId = `sub_${Buffer.from(this.#random(8)).toString('hex')}`;
    while (this.#byId.has(subscriptionId));
    const subscription = Object.freeze({ subscriptionId, url, clientId, configured });
    this.#byId.set(subscriptionId, subscription);
    return subscription;
  }

  get(subscriptionId: string): WebhookSubscription | undefined {
    return this.#byId.get(subscriptionId);
  }

  remove(subscriptionId: string): WebhookSubscription | undefined {
    const subscription = this.#byId.get(subscriptionId);
    this.#byId.delete(subscriptionId);
    return subscription;
  }

  list(): WebhookSubscription[] {
    return [...this.#byId.values()];
  }

  /**
   * Where an event goes: with `clientId`, that client's subscriptions and those for every client (the
   * client's organization and its catch-all URLs); without, every subscription.
   */
  for(clientId: string | undefined): WebhookSubscription[] {
    const all = this.list();
    return clientId === undefined ? all : all.filter((s) => s.clientId === null || s.clientId === clientId);
  }

  /** Forgets those made at run time; the configured ones stay. */
  reset(): void {
    for (const [id, subscription] of this.#byId) if (!subscription.configured) this.#byId.delete(id);
  }
}
