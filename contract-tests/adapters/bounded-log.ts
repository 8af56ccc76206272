/** Keeps the first `limit` characters of a stream of text and counts what it dropped. */
export class BoundedLog {
  readonly #limit: number;
  #text = '';
  #dropped = 0;

  constructor(limit = 64 * 1024) {
    this.#limit = limit;
  }

  append(chunk: string): void {
    const room = this.#limit - this.#text.length;
    if (room >= chunk.length) this.#text += chunk;
    else {
      this.#text += chunk.slice(0, Math.max(0, room));
      this.#dropped += chunk.length - Math.max(0, room);
    }
  }

  toString(): string {
    return this.#dropped === 0 ? this.#text : `${this.#text}\n[... ${this.#dropped} more characters dropped]`;
  }
}
