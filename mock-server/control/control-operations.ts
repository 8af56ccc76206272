import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Fault, FaultRequest } from '../faults/fault-queue.js';
import type { MockContext } from '../mock-context.js';
import type { Recording, RecorderQuery } from '../recorder/recorder.js';

export interface CreateClientInput {
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** Token lifetime in seconds; default the server's default. */
  readonly expiresIn?: number;
}

export interface ClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly expiresIn: number;
}

/** The client id asked for is taken. */
export class ClientExistsError extends Error {
  constructor(readonly clientId: string) {
    super(`a client with this client_id already exists`);
    this.name = 'ClientExistsError';
  }
}

/** Steering and inspection, the same operations the HTTP control API exposes. */
export interface ControlOperations {
  readonly clock: Clock;
  /** Creates an isolated client; id and secret are random unless given. */
  createClient(input?: CreateClientInput): ClientCredentials;
  /** Revokes one token by its `jti`; returns how many live tokens were revoked (0 or 1). */
  revokeToken(jti: string): number;
  /** Revokes every token issued to the client so far; returns how many were live. */
  revokeClient(clientId: string): number;
  addFault(fault: FaultRequest): Fault;
  listFaults(): Fault[];
  clearFaults(): void;
  recordings(query?: RecorderQuery): Recording[];
  /** Forgets created clients, revocations, faults and recordings; the clock follows real time again. */
  reset(): void;
}

export function createControlOperations(context: MockContext): ControlOperations {
  return {
    clock: context.clock,
    createClient(input = {}) {
      const credentials: ClientCredentials = {
        clientId: input.clientId ?? `client-${randomUUID()}`,
        clientSecret: input.clientSecret ?? randomBytes(24).toString('base64url'),
        expiresIn: input.expiresIn ?? context.defaultExpiresIn,
      };
      if (!context.clients.add(credentials)) throw new ClientExistsError(credentials.clientId);
      return credentials;
    },
    revokeToken: (jti) => context.ledger.revokeJti(jti),
    revokeClient: (clientId) => context.ledger.revokeClient(clientId),
    addFault: (fault) => context.faults.add(fault),
    listFaults: () => context.faults.list(),
    clearFaults: () => context.faults.clear(),
    recordings: (query) => context.recorder.list(query),
    reset() {
      context.clients.reset();
      context.ledger.clear();
      context.faults.clear();
      context.recorder.clear();
      context.clock.useReal();
    },
  };
}
