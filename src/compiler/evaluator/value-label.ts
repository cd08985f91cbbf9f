// Puppet's label of an evaluated value with its article, as its errors name what they got
// ('an Integer', 'an Undef Value', 'a Hash'): Puppet::Pops::Model::ModelLabelProvider's a_an.

import { formatValue } from '../value-format.js';
import { PFloat, PRegexp, PType, type Value } from '../values.js';

export function aValueLabel(value: Value): string {
  if (value === undefined) return 'an Undef Value';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an Integer' : 'a Float';
  if (value instanceof PFloat) return 'a Float';
  if (typeof value === 'boolean') return 'a Boolean';
  if (typeof value === 'string') return 'a String';
  if (Array.isArray(value)) return 'an Array';
  if (value instanceof Map) return 'a Hash';
  if (value instanceof PRegexp) return 'a Regexp';
  if (value instanceof PType) {
    const label = `${String(value)}-Type`;
    return `${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label}`;
  }
  return formatValue(value);
}
