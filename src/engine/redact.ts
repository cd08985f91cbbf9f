// What papply never prints: values of Sensitive parameters (Puppet's `[redacted]`) and values of
// parameters named like secrets, at any depth of a hash (cs_primitive `parameters`, a type's own
// `password` property ...). Applies to log lines, run reports, noop diffs and the CIB patch shown
// with --debug; what is sent to the node is of course unchanged.
//
// Secret names (case-insensitive), documented in README.md (Applying, "Secrets"):
//   contains  password, passwd, passphrase, secret, token, credential
//   ends in   pass, pw, key (alone or after `_`/`-`: `db_pass`, `api-key`, `key`)
//   contains  apikey, authkey, privatekey, accesskey (with or without `_`/`-`)

import type { CatalogResource, CatalogValue } from '../compiler/catalog.js';

export const REDACTED = '[redacted]';

const SECRET_NAME = /passw(?:or)?d|passphrase|secret|token|credential|(?:^|[_-])(?:pass|pw|key)$|(?:api|auth|private|access)[_-]?key/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** A copy of `value` whose entries under secret-named keys (at any depth) read `[redacted]`. */
export function redactSecretKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(redactSecretKeys) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, isSecretName(key) ? REDACTED : redactSecretKeys(item)])) as T;
}

/** The strings and numbers inside `value` (a Sensitive parameter's value, say), as text. */
export function leafStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [String(value)];
  if (Array.isArray(value)) return value.flatMap(leafStrings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(leafStrings);
  return [];
}

/**
 * Secret values of one catalog resource: every leaf of its Sensitive parameters and every leaf
 * under a secret-named key of its hash parameters.
 */
export function secretValuesOf(parameters: Record<string, unknown> | undefined, sensitive: readonly string[] = []): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) (isSecretName(key) ? found.push(...leafStrings(item)) : walk(item));
    }
  };
  for (const [name, value] of Object.entries(parameters ?? {})) {
    if (sensitive.includes(name)) found.push(...leafStrings(value));
    else walk(value);
  }
  return found;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * `text` with every occurrence of the given secrets (and their XML-escaped spelling, for patches)
 * replaced by `[redacted]`. Empty secrets and single characters are left alone: replacing them
 * would blank out unrelated text and tell nothing about the secret anyway.
 */
export function redactText(text: string, secrets: Iterable<string>): string {
  let result = text;
  const spellings = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < 2) continue;
    spellings.add(secret);
    spellings.add(secret.replace(/[&<>"']/g, (char) => XML_ESCAPES[char]));
    spellings.add(secret.replace(/[&<>"]/g, (char) => XML_ESCAPES[char]));
  }
  // Longest first, so a secret that contains another is replaced whole.
  for (const spelling of [...spellings].sort((a, b) => b.length - a.length)) result = result.split(spelling).join(REDACTED);
  return result;
}

type RichSensitive = { __ptype: 'Sensitive'; __pvalue: CatalogValue };

function isRichSensitive(value: CatalogValue): value is RichSensitive {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && value.__ptype === 'Sensitive' && '__pvalue' in value;
}

/** `value` without rich-data Sensitive wrappers, and whether it held any. */
function revealed(value: CatalogValue): { value: CatalogValue; hadSensitive: boolean } {
  if (isRichSensitive(value)) return { value: revealed(value.__pvalue).value, hadSensitive: true };
  if (value === null || typeof value !== 'object') return { value, hadSensitive: false };
  let hadSensitive = false;
  const reveal = (item: CatalogValue): CatalogValue => {
    const result = revealed(item);
    hadSensitive ||= result.hadSensitive;
    return result.value;
  };
  const copy = Array.isArray(value) ? value.map(reveal) : Object.fromEntries(Object.entries(value).map(([key, item]) => [key, reveal(item)]));
  return { value: copy, hadSensitive };
}

/**
 * The entry as providers need it: a Sensitive value nested in a parameter (`{__ptype: 'Sensitive'}`
 * in the catalog, as Puppet writes it) becomes its plain value, and the whole parameter is listed
 * in sensitive_parameters, so it is redacted wherever a Sensitive parameter is. (Puppet redacts only
 * the nested value; papply hides the whole parameter rather than track secrets inside values.)
 */
export function revealNestedSensitive(entry: CatalogResource): CatalogResource {
  let parameters: Record<string, CatalogValue> | undefined;
  const sensitive = [...(entry.sensitive_parameters ?? [])];
  for (const [name, value] of Object.entries(entry.parameters ?? {})) {
    const result = revealed(value);
    if (!result.hadSensitive) continue;
    parameters ??= { ...entry.parameters };
    parameters[name] = result.value;
    if (!sensitive.includes(name)) sensitive.push(name);
  }
  return parameters ? { ...entry, parameters, sensitive_parameters: sensitive } : entry;
}
