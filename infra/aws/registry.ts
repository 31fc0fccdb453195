/**
 * What the stack made from the manifest, by logical name. A function that names a table, topic or
 * secret the manifest does not declare fails the synth with both names, instead of an `undefined`
 * surfacing later as a confusing CDK error.
 */
export class Registry<T> {
  readonly #items = new Map<string, T>();
  readonly #kind: string;

  constructor(kind: string) {
    this.#kind = kind;
  }

  add(name: string, item: T): T {
    if (this.#items.has(name)) throw new Error(`The manifest declares the ${this.#kind} '${name}' twice.`);
    this.#items.set(name, item);
    return item;
  }

  get(name: string, neededBy: string): T {
    const item = this.#items.get(name);
    if (item === undefined) {
      throw new Error(`${neededBy} uses the ${this.#kind} '${name}', which the manifest does not declare.`);
    }
    return item;
  }

  entries(): IterableIterator<[string, T]> {
    return this.#items.entries();
  }
}
