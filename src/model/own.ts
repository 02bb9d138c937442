/**
 * Ids are the user's words: a fact, criterion or key may be called `__proto__`, `constructor`
 * or `toString`. Set as own properties and read only when own, they never reach a prototype.
 * Only `__proto__` needs defining (assigning it sets the prototype); the rest are assigned,
 * which keeps objects in V8's fast mode.
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** `record[key]` when it is the record's own property. */
export function ownOf<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
