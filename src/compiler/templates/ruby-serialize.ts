// Ruby's JSON and YAML output of Puppet data (JSON.generate / JSON.pretty_generate of Ruby 3.1's
// json, Psych's to_yaml), for stdlib's to_json/to_yaml and templates' `.to_json` / `JSON.*`.

import { Scalar, stringify } from 'yaml';
import { PFloat, isHash, type Value } from '../values.js';
import { formatFloat } from './ruby-values.js';

/** JSON as Ruby writes it: compact, or pretty with 2-space indentation; floats keep their `.0`. */
export function rubyJson(value: Value, pretty: boolean, skipUndef = false): string {
  return toJson(value, pretty ? '  ' : undefined, skipUndef);
}

function toJson(value: Value, indent: string | undefined, skipUndef: boolean, depth = 0): string {
  const pad = indent === undefined ? '' : `\n${indent.repeat(depth + 1)}`;
  const close = indent === undefined ? '' : `\n${indent.repeat(depth)}`;
  const colon = indent === undefined ? ':' : ': ';
  if (value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : formatFloat(value);
  if (value instanceof PFloat) return formatFloat(value.value);
  if (Array.isArray(value)) {
    const items = skipUndef ? value.filter((v) => v !== undefined) : value;
    // Ruby 3.1's json pretty-prints empty containers across lines ("[\n\n  ]", "{\n  }").
    if (!items.length) return indent === undefined ? '[]' : `[\n${close}]`;
    return `[${items.map((v) => pad + toJson(v, indent, skipUndef, depth + 1)).join(',')}${close}]`;
  }
  if (isHash(value)) {
    const entries = [...value].filter(([, v]) => !(skipUndef && v === undefined));
    if (!entries.length) return indent === undefined ? '{}' : `{${close}}`;
    return `{${entries.map(([k, v]) => `${pad}${JSON.stringify(String(k ?? ''))}${colon}${toJson(v, indent, skipUndef, depth + 1)}`).join(',')}${close}}`;
  }
  return JSON.stringify(String(value));
}

function toPlainData(value: Value): unknown {
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(toPlainData);
  // Plain objects, not Maps: the yaml package writes Maps as !!omap under YAML 1.1.
  if (isHash(value)) return Object.fromEntries([...value].map(([k, v]) => [String(k ?? ''), toPlainData(v)]));
  if (value instanceof PFloat) return Object.assign(new Scalar(value.value), { minFractionDigits: 1 });
  if (typeof value === 'object') return String(value);
  return value;
}

/** Psych's layout: a `---` document start, sequences not indented under their key. */
export function rubyYaml(value: Value): string {
  const body = stringify(toPlainData(value), { version: '1.1', indentSeq: false, lineWidth: 0, singleQuote: true, nullStr: '' });
  const inline = (!Array.isArray(value) && !isHash(value)) || (Array.isArray(value) && value.length === 0) || (isHash(value) && value.size === 0);
  return inline ? `--- ${body}` : `---\n${body}`;
}
