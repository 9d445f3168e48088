/**
 * Own-property helpers for maps keyed by names from user sources (dict keys, setting names):
 * a key such as `__proto__` or `constructor` must be an ordinary entry, never the prototype.
 */

/** Sets an own enumerable property, even for keys such as `__proto__`. */
export function defineOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Reads an own property only (never the prototype chain). */
export function getOwn<T>(source: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(source, key) ? source[key] : undefined;
}
