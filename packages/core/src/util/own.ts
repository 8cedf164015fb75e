// Rows and dynamic-field objects come from users, so any key may appear, `__proto__`,
// `constructor` and `toString` included. Reading them must not see inherited members, and writing
// them must not change an object's prototype (`obj["__proto__"] = v` does).

const hasOwnProperty = Object.prototype.hasOwnProperty;

/** Whether `key` is an own property of `obj` (inherited members such as `toString` are not). */
export function hasOwn(obj: object, key: string): boolean {
  return hasOwnProperty.call(obj, key);
}

/** `obj[key]` when it is an own property, else undefined. */
export function ownValue(obj: object, key: string): unknown {
  return hasOwnProperty.call(obj, key) ? (obj as Record<string, unknown>)[key] : undefined;
}

/** Sets `obj[key] = value` as an own enumerable property, also for `__proto__`. */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}
