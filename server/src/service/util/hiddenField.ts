/**
 * A value derived from an object and kept on that object, out of sight: a non-enumerable symbol-keyed property,
 * so it does not show in `deepEqual`, `JSON.stringify`, spreads or structured clones. The core's memos of things
 * derived from objects the service owns (a bibliography's sorted keys, a CSL item's formatted references, an
 * entry's completion row) live this way instead of in a module-level `WeakMap`: the memo lives and dies with
 * its object, and two services, which never share objects, never share a memo.
 *
 * A `HiddenField` itself holds only its symbol (a constant); the state is on the objects.
 *
 * @example
 * const formatted = new HiddenField<CslItem, Map<string, string>>('formatted');
 * const byStyle = formatted.get(item) ?? formatted.set(item, new Map());
 */
export class HiddenField<O extends object, V> {
  private readonly key: symbol;

  constructor(description: string) {
    this.key = Symbol(description);
  }

  /** The value kept on `owner`, if any. */
  get(owner: O): V | undefined {
    return (owner as Record<symbol, V | undefined>)[this.key];
  }

  /** Keeps `value` on `owner` (replacing an earlier one) and returns it. A frozen owner keeps nothing. */
  set(owner: O, value: V): V {
    if (Object.prototype.hasOwnProperty.call(owner, this.key)) (owner as Record<symbol, V>)[this.key] = value;
    else if (Object.isExtensible(owner)) Object.defineProperty(owner, this.key, { value, writable: true, configurable: true, enumerable: false });
    return value;
  }

  /** The value kept on `owner`, made by `make` and kept on first use. */
  getOrMake(owner: O, make: () => V): V {
    const known = this.get(owner);
    return known !== undefined ? known : this.set(owner, make());
  }
}
