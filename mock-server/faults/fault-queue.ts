import type { components } from '../../generated/openapi.js';

type FaultRequestBody = components['schemas']['FaultRequest'];
/** A fault to queue; `count` defaults to 1 (the generated type makes defaulted fields required). */
export type FaultRequest = Omit<FaultRequestBody, 'count'> & { count?: FaultRequestBody['count'] };
export type Fault = components['schemas']['Fault'];
export type FaultTarget = Fault['target'];
export type FaultKind = Fault['kind'];

/**
 * Faults queued through the control API, each for the next `count` matching requests. Faults are taken
 * in the order they were added; a fault scoped to a client matches only that client's requests.
 */
export class FaultQueue {
  #faults: Fault[] = [];
  #nextId = 1;

  add(request: FaultRequest): Fault {
    const { count, ...rest } = request;
    const fault: Fault = { id: `fault-${this.#nextId}`, ...rest, remaining: count ?? 1 };
    this.#nextId += 1;
    this.#faults.push(fault);
    return { ...fault };
  }

  /**
   * The first fault matching this request (and `accept`, when given), with one use taken from it; undefined
   * when none.
   */
  take(target: FaultTarget, clientId: string | null, accept?: (fault: Fault) => boolean): Fault | undefined {
    if (this.#faults.length === 0) return undefined;
    const index = this.#faults.findIndex(
      (fault) =>
        fault.target === target &&
        (fault.client_id === undefined || fault.client_id === clientId) &&
        (accept === undefined || accept(fault)),
    );
    if (index < 0) return undefined;
    const fault = this.#faults[index] as Fault;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.#faults.splice(index, 1);
    return { ...fault };
  }

  list(): Fault[] {
    return this.#faults.map((fault) => ({ ...fault }));
  }

  clear(): void {
    this.#faults = [];
  }
}
