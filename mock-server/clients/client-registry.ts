import { createHash, timingSafeEqual } from 'node:crypto';

export interface RegisteredClient {
  readonly clientId: string;
  readonly expiresIn: number;
}

interface StoredClient extends RegisteredClient {
  /** SHA-256 of the secret: fixed length, so the comparison is constant-time whatever the input. */
  readonly secretDigest: Buffer;
}

export interface ClientSpec {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly expiresIn: number;
}

const digest = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();

/** A digest no secret produces in practice, compared against when the client id is unknown. */
const UNKNOWN_CLIENT_DIGEST = digest('\u0000unknown-client\u0000');

/**
 * The clients the mock knows: those from the configuration, which survive a reset, and those created
 * through the control API. Secrets are kept only as digests and compared in constant time.
 */
export class ClientRegistry {
  readonly #configured = new Map<string, StoredClient>();
  readonly #created = new Map<string, StoredClient>();

  constructor(configured: readonly ClientSpec[]) {
    for (const spec of configured) this.#configured.set(spec.clientId, ClientRegistry.#store(spec));
  }

  static #store(spec: ClientSpec): StoredClient {
    return { clientId: spec.clientId, expiresIn: spec.expiresIn, secretDigest: digest(spec.clientSecret) };
  }

  get(clientId: string): RegisteredClient | undefined {
    return this.#created.get(clientId) ?? this.#configured.get(clientId);
  }

  has(clientId: string): boolean {
    return this.get(clientId) !== undefined;
  }

  /** Adds a client; false when the id is already taken. */
  add(spec: ClientSpec): boolean {
    if (this.has(spec.clientId)) return false;
    this.#created.set(spec.clientId, ClientRegistry.#store(spec));
    return true;
  }

  /**
   * The client when `secret` is its secret, else undefined. Takes the same time whether the id is
   * unknown, the secret wrong, or both right.
   */
  authenticate(clientId: string, secret: string): RegisteredClient | undefined {
    const client = this.#created.get(clientId) ?? this.#configured.get(clientId);
    const expected = client?.secretDigest ?? UNKNOWN_CLIENT_DIGEST;
    const matches = timingSafeEqual(expected, digest(secret));
    return matches && client !== undefined ? client : undefined;
  }

  /** Forgets the clients created since start; configured clients stay. */
  reset(): void {
    this.#created.clear();
  }

  list(): RegisteredClient[] {
    const all = new Map([...this.#configured, ...this.#created]);
    return [...all.values()].map(({ clientId, expiresIn }) => ({ clientId, expiresIn }));
  }
}
