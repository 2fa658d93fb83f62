/**
 * Word tables looked up by text from files and questions: null-prototype copies, so that
 * `constructor`, `__proto__`, `toString` or `hasOwnProperty` are words like any other and
 * never reach `Object.prototype`.
 */

/** A frozen null-prototype copy of `entries`: `table[word]` is undefined for every word it does not list. */
export function wordTable<T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
