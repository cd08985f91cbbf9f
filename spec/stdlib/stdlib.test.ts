// stdlib subset: behaviour of each function, and where Ruby is at hand, the Ruby-produced parts
// (fqdn_rotate's Random, to_json, to_yaml) compared with Ruby itself.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import '../../src/compiler/functions/stdlib/index.js';
import { lookupFunction } from '../../src/compiler/functions/registry.js';
import { rubyRandom, fqdnSeed } from '../../src/compiler/functions/stdlib/ruby-random.js';
import { fromPlain, PFloat, PRegexp, type Value } from '../../src/compiler/values.js';
import { hasRuby } from '../support/ruby.js';
import { TemplateContext } from '../templates/template-context.js';

const ctx = new TemplateContext(new Map<string, Value>([['fqdn', 'node-1.example.com']]));
const call = (name: string, ...args: Value[]): Value => {
  const fn = lookupFunction(name);
  if (!fn) throw new Error(`${name} is not registered`);
  return fn(ctx, args);
};
const h = (o: Record<string, unknown>): Value => fromPlain(o);
const plain = (v: Value): unknown => (v === undefined ? null : v instanceof Map ? Object.fromEntries([...v].map(([k, x]) => [String(k), plain(x)])) : Array.isArray(v) ? v.map(plain) : v);

const ruby = (code: string, ...args: string[]): string => execFileSync('ruby', ['-e', code, ...args], { encoding: 'utf8' });

describe('selection', () => {
  it('pick skips undef and empty strings, fails when nothing is left', () => {
    expect(call('pick', undefined, '', 'a', 'b')).toBe('a');
    expect(call('pick', false, 'x')).toBe(false);
    expect(() => call('pick', undefined, '')).toThrow('pick(): must receive at least one non empty value');
  });
  it('pick_default falls back to the last argument, even empty', () => {
    expect(call('pick_default', undefined, 'x', 'd')).toBe('x');
    expect(call('pick_default', undefined, '')).toBe('');
    expect(call('pick_default', 'x', undefined)).toBe('x');
    expect(call('pick_default', undefined)).toBe('');
    expect(() => call('pick_default')).toThrow('Must receive at least one argument');
  });
});

describe('hashes and arrays', () => {
  it('merge: later wins, undef and empty string skipped, non-hash rejected', () => {
    expect(plain(call('merge', h({ a: 1, b: 2 }), undefined, '', h({ b: 3, c: 4 })))).toEqual({ a: 1, b: 3, c: 4 });
    expect([...(call('merge', h({ z: 1 }), h({ a: 2, z: 3 })) as Map<Value, Value>).keys()]).toEqual(['z', 'a']);
    expect(() => call('merge', h({}), 'str')).toThrow('merge: unexpected argument type String, only expects hash arguments');
  });
  it('concat spreads arrays one level', () => {
    expect(call('concat', ['1', '2'], ['3', ['4']], '5')).toEqual(['1', '2', '3', ['4'], '5']);
    expect(() => call('concat', 'a', 'b')).toThrow('concat(): Requires array to work with');
  });
  it('member, has_key', () => {
    expect(call('member', ['a', 'b'], 'b')).toBe(true);
    expect(call('member', ['a', 'b'], ['a', 'c'])).toBe(false);
    expect(call('member', [1, 2], 2)).toBe(true);
    expect(call('has_key', h({ a: undefined }), 'a')).toBe(true);
    expect(call('has_key', h({ a: 1 }), 'b')).toBe(false);
    expect(() => call('has_key', 'x', 'a')).toThrow(/has_key\(\): expects the first argument to be a hash/);
  });
  it('delete from arrays, hashes and strings', () => {
    expect(call('delete', ['a', 'b', 'a'], 'a')).toEqual(['b']);
    expect(plain(call('delete', h({ a: 1, b: 2, c: 3 }), ['a', 'c']))).toEqual({ b: 2 });
    expect(call('delete', 'banana', 'an')).toBe('ba');
  });
  it('delete_undef_values and delete_values', () => {
    expect(call('delete_undef_values', ['a', undefined, '', false])).toEqual(['a', '', false]);
    expect(plain(call('delete_undef_values', h({ a: null, b: 1 })))).toEqual({ b: 1 });
    expect(plain(call('delete_values', h({ a: 'x', b: 'y', c: 'x' }), 'x'))).toEqual({ b: 'y' });
  });
  it('dig44 returns the default for any missing step, keeps false', () => {
    const data = h({ a: { b: [10, { c: false }] } });
    expect(call('dig44', data, ['a', 'b', 0])).toBe(10);
    expect(call('dig44', data, ['a', 'b', 1, 'c'], 'd')).toBe(false);
    expect(call('dig44', data, ['a', 'x', 'y'], 'd')).toBe('d');
    expect(call('dig44', data, ['a', 'b', 'k'], 'd')).toBe('d');
  });
  it('prefix and suffix arrays and hash keys', () => {
    expect(call('prefix', ['a', 'b'], 'p_')).toEqual(['p_a', 'p_b']);
    expect(call('suffix', ['a', 1], '.conf')).toEqual(['a.conf', '1.conf']);
    expect(plain(call('suffix', h({ a: 1 }), '_x'))).toEqual({ a_x: 1 });
    expect(call('prefix', ['a'], undefined)).toEqual(['a']);
  });
  it('values_at, count, join_keys_to_values, any2array', () => {
    expect(call('values_at', ['a', 'b', 'c', 'd'], ['0', '2..3'])).toEqual(['a', 'c', 'd']);
    expect(call('values_at', ['a', 'b'], 1)).toEqual(['b']);
    expect(() => call('values_at', ['a'], 5)).toThrow('values_at(): Given index exceeds array size');
    expect(call('count', ['a', '', undefined, 'b'])).toBe(2);
    expect(call('count', ['a', 'b', 'a'], 'a')).toBe(2);
    expect(call('join_keys_to_values', h({ a: 1, b: [2, 3] }), '=')).toEqual(['a=1', 'b=2', 'b=3']);
    expect(call('any2array', h({ a: 1, b: 2 }))).toEqual(['a', 1, 'b', 2]);
    expect(call('any2array', 'x')).toEqual(['x']);
    expect(call('any2array', ['x'])).toEqual(['x']);
    expect(call('any2array', 'x', 'y')).toEqual(['x', 'y']);
    expect(call('any2array')).toEqual([]);
  });
});

describe('predicates and validation', () => {
  it('is_* follow stdlib (numeric strings are not strings)', () => {
    expect(call('is_string', 'abc')).toBe(true);
    expect(call('is_string', '42')).toBe(false);
    expect(call('is_string', '4.2')).toBe(false);
    expect(call('is_integer', '42')).toBe(true);
    expect(call('is_integer', '042')).toBe(false);
    expect(call('is_integer', 4.5)).toBe(false);
    expect(call('is_bool', false)).toBe(true);
    expect(call('is_array', [])).toBe(true);
    expect(call('is_hash', h({}))).toBe(true);
    expect(call('is_ip_address', '10.0.0.1')).toBe(true);
    expect(call('is_ip_address', 'fe80::1')).toBe(true);
    expect(call('is_ip_address', '10.0.0.256')).toBe(false);
  });
  it('validate_* accept and reject with stdlib messages', () => {
    expect(call('validate_string', 'a', undefined)).toBeUndefined();
    expect(() => call('validate_string', 'a', 5)).toThrow('5 is not a string.  It looks to be a Integer');
    expect(() => call('validate_bool', 'true')).toThrow('"true" is not a boolean.  It looks to be a String');
    expect(() => call('validate_hash', ['a'])).toThrow('["a"] is not a Hash.  It looks to be a Array');
    expect(() => call('validate_array', h({ a: 1 }))).toThrow('{"a"=>1} is not an Array.  It looks to be a Hash');
    expect(call('validate_re', 'present', ['^present$', '^absent$'])).toBeUndefined();
    expect(call('validate_re', 'abc', new PRegexp('^a'))).toBeUndefined();
    expect(() => call('validate_re', 'other', '^present$')).toThrow('validate_re(): "other" does not match "^present$"');
    expect(() => call('validate_re', 'other', '^present$', 'custom message')).toThrow('custom message');
    expect(call('validate_integer', '42', 100, 1)).toBeUndefined();
    expect(() => call('validate_integer', 'x')).toThrow(/validate_integer\(\): Expected first argument to be an Integer/);
    expect(() => call('validate_integer', 200, 100)).toThrow(/to be smaller or equal to 100/);
    expect(call('validate_ip_address', '192.0.2.1', '::1')).toBeUndefined();
    expect(() => call('validate_ip_address', 'nope')).toThrow('"nope" is not a valid IP address.');
  });
});

describe('conversions', () => {
  it('str2bool and bool2str', () => {
    for (const t of ['1', 't', 'y', 'true', 'yes', 'on']) expect(call('str2bool', t)).toBe(true);
    for (const f of ['', '0', 'f', 'n', 'false', 'no', 'off', 'undef', 'undefined']) expect(call('str2bool', f)).toBe(false);
    expect(call('str2bool', true)).toBe(true);
    expect(() => call('str2bool', 'maybe')).toThrow('str2bool(): Unknown type of boolean given');
    expect(call('bool2str', true)).toBe('true');
    expect(call('bool2str', false, 'yes', 'no')).toBe('no');
    expect(() => call('bool2str', 'true')).toThrow('bool2str(): Requires a boolean to work with');
  });
  it('parsejson and parseyaml, with a default on bad input', () => {
    expect(plain(call('parsejson', '{"a": [1, null], "b": {"c": true}}'))).toEqual({ a: [1, null], b: { c: true } });
    expect(call('parsejson', '{bad', 'fallback')).toBe('fallback');
    expect(() => call('parsejson', '{bad')).toThrow(/parsejson\(\)/);
    expect(plain(call('parseyaml', 'a: yes\nb: [1, 2]\n'))).toEqual({ a: true, b: [1, 2] });
  });
  it('size counts strings, arrays and hashes', () => {
    expect(call('size', 'abc')).toBe(3);
    expect(call('size', [1, 2])).toBe(2);
    expect(call('size', h({ a: 1 }))).toBe(1);
  });
});

describe('more collections and checks', () => {
  it('union, intersection, difference', () => {
    expect(call('union', ['a', 'b'], ['b', 'c'], ['a', 'd'])).toEqual(['a', 'b', 'c', 'd']);
    expect(call('intersection', ['a', 'b', 'b'], ['b', 'c'])).toEqual(['b']);
    expect(call('difference', ['a', 'b', 'a'], ['b'])).toEqual(['a', 'a']);
    expect(() => call('union', ['a'], 'b')).toThrow('union(): Every parameter must be an array');
  });
  it('deep_merge merges nested hashes, later wins elsewhere', () => {
    const merged = call('deep_merge', h({ a: { b: 1, c: [1] }, x: 1 }), undefined, h({ a: { c: [2], d: 3 }, x: { y: 1 } }));
    expect(plain(merged)).toEqual({ a: { b: 1, c: [2], d: 3 }, x: { y: 1 } });
    expect(() => call('deep_merge', h({}), 1)).toThrow('deep_merge: unexpected argument type Integer, only expects hash arguments');
  });
  it('zip, hash, delete_at, grep, range', () => {
    expect(call('zip', [1, 2], ['a', 'b'])).toEqual([[1, 'a'], [2, 'b']]);
    expect(call('zip', [1, 2], ['a', 'b'], true)).toEqual([1, 'a', 2, 'b']);
    expect(plain(call('hash', ['a', 1, 'b', 2]))).toEqual({ a: 1, b: 2 });
    expect(call('delete_at', ['a', 'b', 'c'], 1)).toEqual(['a', 'c']);
    expect(call('grep', ['aaa', 'bbb', 'abc'], 'a')).toEqual(['aaa', 'abc']);
    expect(call('range', 1, 4)).toEqual([1, 2, 3, 4]);
    expect(call('range', '1', '10', 3)).toEqual([1, 4, 7, 10]);
    expect(call('range', 'a', 'd')).toEqual(['a', 'b', 'c', 'd']);
    expect(call('range', 'node08', 'node11')).toEqual(['node08', 'node09', 'node10', 'node11']);
  });
  it('has_interface_with reads the legacy interface facts', () => {
    const facts = new TemplateContext(new Map<string, Value>([['interfaces', 'eth0,lo'], ['ipaddress_eth0', '10.0.0.5'], ['ipaddress_lo', '127.0.0.1']]));
    const hiw = (...args: Value[]): Value => lookupFunction('has_interface_with')!(facts, args);
    expect(hiw('lo')).toBe(true);
    expect(hiw('eth1')).toBe(false);
    expect(hiw('ipaddress', '10.0.0.5')).toBe(true);
    expect(hiw('ipaddress', '10.0.0.6')).toBe(false);
  });
  it('path and length checks, num2bool', () => {
    expect(call('is_absolute_path', '/etc/x')).toBe(true);
    expect(call('is_absolute_path', 'etc/x')).toBe(false);
    expect(call('validate_absolute_path', '/a', ['/b', '/c'])).toBeUndefined();
    expect(() => call('validate_absolute_path', 'rel')).toThrow('"rel" is not an absolute path.');
    expect(call('validate_slength', 'abc', 5)).toBeUndefined();
    expect(() => call('validate_slength', 'abcdef', 5)).toThrow('validate_slength(): Expected length of "abcdef" to be between 0 and 5, was 6');
    expect(call('validate_numeric', '1.5', 2)).toBeUndefined();
    expect(() => call('validate_numeric', 3, 2)).toThrow(/to be smaller or equal to 2/);
    expect(call('is_domain_name', 'node-1.example.com')).toBe(true);
    expect(call('is_domain_name', '-bad.example.com')).toBe(false);
    expect(call('is_mac_address', '52:54:00:12:34:56')).toBe(true);
    expect(call('num2bool', '1')).toBe(true);
    expect(call('num2bool', 0)).toBe(false);
    expect(call('num2bool', -1)).toBe(false);
    expect(() => call('num2bool', 'abc')).toThrow(/num2bool\(\): Unable to parse/);
  });
});

const SAMPLE = h({ name: 'p_haproxy', ports: [80, 443], ratio: 0.5, whole: null, flags: { on: true, off: false }, empty: [], none: {}, text: 'say "hi"\n' });

describe.skipIf(!hasRuby())('against Ruby', () => {
  it('fqdn_rotate rotates as Random.new(MD5(fqdn:seed).hex).rand(n)', () => {
    const list = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    for (const [fqdn, seed] of [['node-1.example.com', ''], ['web.example.com', 'x'], ['db-3', '30']]) {
      const expected = ruby(
        `require "digest/md5"; l = ${JSON.stringify(list)}; s = Digest::MD5.hexdigest([ARGV[0], ARGV[1].empty? ? [] : [ARGV[1]]].join(":")).hex; o = Random.new(s).rand(l.size); o.times { l.push l.shift }; print l.join(",")`,
        fqdn,
        seed,
      );
      const rotCtx = new TemplateContext(new Map<string, Value>([['fqdn', fqdn]]));
      const result = lookupFunction('fqdn_rotate')!(rotCtx, seed ? [list, seed] : [list]) as string[];
      expect(result.join(',')).toBe(expected);
    }
    expect(lookupFunction('fqdn_rotate')!(ctx, ['abcdef'])).toHaveLength(6);
  });
  it("Ruby's Random#rand for many seeds and limits", () => {
    const seeds = [0n, 1n, 2n ** 32n, 2n ** 32n + 5n, 2n ** 64n + 2n ** 32n + 1n, fqdnSeed('node-1.example.com', []), fqdnSeed('x', ['1', '2'])];
    const limits = [2, 3, 7, 10, 1000, 65536, 2 ** 31 + 1];
    const expected = ruby(`print ARGV[0].split(",").map { |s| ARGV[1].split(",").map { |n| Random.new(s.to_i).rand(n.to_i) }.join(" ") }.join(";")`, seeds.join(','), limits.join(','));
    const mine = seeds.map((s) => limits.map((n) => rubyRandom(s, n)).join(' ')).join(';');
    expect(mine).toBe(expected);
  });
  it('dirname, basename and shell_escape as File and Shellwords', () => {
    const paths = ['/etc/corosync/corosync.conf', '/etc/', 'file.tar.gz', '/', 'a//b//'];
    const expected = ruby('print ARGV.map { |p| [File.dirname(p), File.basename(p), File.basename(p, ".*"), File.basename(p, ".gz")].join("|") }.join("\\n")', ...paths);
    expect(paths.map((p) => [call('dirname', p), call('basename', p), call('basename', p, '.*'), call('basename', p, '.gz')].join('|')).join('\n')).toBe(expected);
    const words = ["it's", 'a b', 'plain-1.2', '', '$HOME;rm', 'line\nbreak'];
    const escaped = ruby('require "shellwords"; print ARGV.map { |w| Shellwords.escape(w) }.join("\\0")', ...words);
    expect(words.map((w) => call('shell_escape', w)).join('\0')).toBe(escaped);
  });
  it('to_json and to_json_pretty as Ruby JSON', () => {
    const json = JSON.stringify(plain(SAMPLE)).replace('"ratio":0.5', '"ratio":0.5');
    expect(call('to_json', SAMPLE)).toBe(ruby('require "json"; print JSON.parse(ARGV[0]).to_json', json));
    expect(call('to_json_pretty', SAMPLE)).toBe(ruby('require "json"; print JSON.pretty_generate(JSON.parse(ARGV[0])) + "\\n"', json));
    expect(call('to_json', [new PFloat(1)])).toBe('[1.0]');
  });
  it('to_yaml as Psych', () => {
    // (Psych writes a string with a trailing newline as a folded single-quoted scalar: not matched.)
    const sample = h({ name: 'p_haproxy', ports: [80, 443], ratio: 0.5, whole: null, flags: { on: true, off: false }, empty: [], none: {}, text: 'say "hi"', nested: { list: [{ a: 1 }, 'x'] } });
    const json = JSON.stringify(plain(sample));
    expect(call('to_yaml', sample)).toBe(ruby('require "json"; require "yaml"; print JSON.parse(ARGV[0]).to_yaml', json));
    expect(call('to_yaml', h({ list: ['yes', 'no', '1', 'plain'] }))).toBe(ruby('require "yaml"; print({"list" => ["yes", "no", "1", "plain"]}.to_yaml)'));
    expect(call('to_yaml', 'word')).toBe(ruby('require "yaml"; print "word".to_yaml'));
  });
});
