// JavaScript values as Puppet source text, the way rspec-puppet turns `let(:params)` into the
// manifest it compiles: strings single-quoted, numbers and booleans bare, null as undef, arrays
// and objects as Puppet arrays and hashes. `raw()` and `ref()` put code in where a literal
// cannot say it (references, `default`, function calls).

const RAW = Symbol('papply.spec.raw');
const SENSITIVE = Symbol('papply.spec.sensitive');

/** Puppet code inserted as it is, e.g. `raw('default')` or `raw("lookup('x')")`. */
export interface RawCode {
  readonly [RAW]: string;
}

/** A value wrapped in `Sensitive(...)`. */
export interface SensitiveValue {
  readonly [SENSITIVE]: unknown;
}

export function raw(code: string): RawCode {
  return { [RAW]: code };
}

/** A resource reference: `ref('Package', 'haproxy')` → `Package['haproxy']`. */
export function ref(type: string, title: string): RawCode {
  return raw(`${type}[${puppetString(title)}]`);
}

export function sensitive(value: unknown): SensitiveValue {
  return { [SENSITIVE]: value };
}

function isRaw(value: unknown): value is RawCode {
  return typeof value === 'object' && value !== null && RAW in value;
}

export function isSensitive(value: unknown): value is SensitiveValue {
  return typeof value === 'object' && value !== null && SENSITIVE in value;
}

/** What a `sensitive(...)` wraps. */
export function sensitiveContent(value: SensitiveValue): unknown {
  return value[SENSITIVE];
}

/** A single-quoted Puppet string: only `\` and `'` need escaping there. */
export function puppetString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The Puppet literal for a JavaScript value (null and undefined are `undef`). */
export function puppetLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'undef';
  if (isRaw(value)) return value[RAW];
  if (isSensitive(value)) return `Sensitive(${puppetLiteral(value[SENSITIVE])})`;
  switch (typeof value) {
    case 'string':
      return puppetString(value);
    case 'boolean':
      return String(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`papply/spec: ${value} has no Puppet literal`);
      return String(value);
    case 'bigint':
      return value.toString();
  }
  // A RegExp's source has its slashes escaped already.
  if (value instanceof RegExp) return `/${value.source}/`;
  if (Array.isArray(value)) return `[${value.map(puppetLiteral).join(', ')}]`;
  if (typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
    const pairs = Object.entries(value as Record<string, unknown>).map(([key, item]) => `${puppetString(key)} => ${puppetLiteral(item)}`);
    return `{${pairs.join(', ')}}`;
  }
  throw new TypeError(`papply/spec: cannot write ${Object.prototype.toString.call(value)} as a Puppet value`);
}

/** `name => value` lines of a resource body; keys whose value is `undefined` are left out. */
export function attributeList(params: Record<string, unknown>): string {
  return Object.entries(params)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => {
      if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new TypeError(`papply/spec: '${name}' is not a Puppet parameter name`);
      return `  ${name} => ${puppetLiteral(value)},\n`;
    })
    .join('');
}
