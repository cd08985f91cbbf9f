// Which resources of one type could satisfy `attribute == 'text'` in a collector query, kept
// current as parameters are set or overridden. Collectors run on every generator pass, so without
// it each `Service <| name == $x |>` scans every Service each pass: quadratic in the site's size.
// The index narrows the candidates only; the query itself still decides, so it must never leave
// out a resource the query would match.

import type { Value } from '../values.js';

/** Index keys of a parameter value: the strings `==` could equal (case-insensitively), or 'other'. */
function keysOf(value: Value): string[] | 'other' | undefined {
  if (value === undefined) return undefined; // undef never equals a string
  if (typeof value === 'string') return [value.toLowerCase()];
  // An array matches when one of its elements equals the string (Puppet's include?).
  if (Array.isArray(value)) return value.every((item) => typeof item === 'string' || Array.isArray(item)) ? value.filter((item) => typeof item === 'string').map((item) => item.toLowerCase()) : 'other';
  // Anything else (numbers, Sensitive ...) is left to the query: always a candidate.
  return 'other';
}

export class AttributeIndex<R> {
  private readonly byKey = new Map<string, Set<R>>();
  private readonly unkeyed = new Set<R>();

  add(resource: R, value: Value): void {
    const keys = keysOf(value);
    if (keys === undefined) return;
    if (keys === 'other') {
      this.unkeyed.add(resource);
      return;
    }
    for (const key of keys) {
      let set = this.byKey.get(key);
      if (!set) this.byKey.set(key, (set = new Set()));
      set.add(resource);
    }
  }

  remove(resource: R, value: Value): void {
    const keys = keysOf(value);
    if (keys === undefined) return;
    if (keys === 'other') {
      this.unkeyed.delete(resource);
      return;
    }
    for (const key of keys) {
      const set = this.byKey.get(key);
      if (!set) continue;
      set.delete(resource);
      if (set.size === 0) this.byKey.delete(key);
    }
  }

  /** Resources whose value may equal `text`, in no particular order. */
  candidates(text: string): R[] {
    const keyed = this.byKey.get(text.toLowerCase());
    if (this.unkeyed.size === 0) return keyed ? [...keyed] : [];
    return keyed ? [...keyed, ...this.unkeyed] : [...this.unkeyed];
  }
}
