// The catalog compiler's semantics, each expectation checked against `puppet apply` (Puppet 7.23)
// on the same manifest when it was written: scopes, classes, defines, defaults, overrides,
// collectors, virtual resources, relationships, tags, containment and errors with locations.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Catalog, CatalogResource } from '../../src/compiler/catalog.js';
import { compileWithWarnings, type CompileOptions } from '../../src/compiler/compile.js';
import { PapplyError } from '../../src/errors.js';

const modulepath = [join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'modules')];
const facts = { hostname: 'node-1', fqdn: 'node-1.example.com', domain: 'example.com', osfamily: 'Debian', os: { family: 'Debian' } };

function compile(code: string, options: Partial<CompileOptions> = {}): Catalog & { warnings: string[] } {
  const { catalog, warnings } = compileWithWarnings({ code, modulepath, facts, nodeName: 'node-1.example.com', ...options });
  return { ...catalog, warnings };
}

function resource(catalog: Catalog, ref: string): CatalogResource {
  const found = catalog.resources.find((r) => `${r.type}[${r.title}]` === ref);
  if (!found) throw new Error(`${ref} not in catalog: ${catalog.resources.map((r) => `${r.type}[${r.title}]`).join(', ')}`);
  return found;
}

const params = (catalog: Catalog, ref: string) => resource(catalog, ref).parameters ?? {};
const refs = (catalog: Catalog) => catalog.resources.map((r) => `${r.type}[${r.title}]`);
const edges = (catalog: Catalog) => catalog.edges.map((e) => `${e.source} -> ${e.target}`);

function compileError(code: string, options: Partial<CompileOptions> = {}): PapplyError {
  try {
    compile(code, options);
  } catch (error) {
    if (error instanceof PapplyError) return error;
    throw error;
  }
  throw new Error('compiled without error');
}

describe('scopes and variables', () => {
  it('looks variables up lexically: class -> top, $::x, qualified names of evaluated classes', () => {
    const catalog = compile(`
      $top = 'T'
      class a { $v = 'A' notify { 'a': message => "\${top} \${::top} \${v}" } }
      class b { notify { 'b': message => "\${a::v}" } }
      include a, b
    `);
    expect(params(catalog, 'Notify[a]').message).toBe('T T A');
    expect(params(catalog, 'Notify[b]').message).toBe('A');
  });

  it('warns and gives undef for a class variable of a class not evaluated yet', () => {
    const catalog = compile(`
      class late { $v = 1 }
      notify { 'x': message => "[\${late::v}]" }
    `);
    expect(params(catalog, 'Notify[x]').message).toBe('[]');
    expect(catalog.warnings.join('\n')).toContain("Could not look up qualified variable 'late::v'; class late has not been evaluated");
  });

  it('does not let a define see the variables of the class declaring it (no dynamic scoping)', () => {
    const catalog = compile(`
      define d { notify { "n-\${title}": message => "[\${local}]" } }
      class c { $local = 'L' d { 'x': } }
      include c
    `);
    expect(params(catalog, 'Notify[n-x]').message).toBe('[]');
    expect(catalog.warnings.join('\n')).toContain("Unknown variable: 'local'.");
  });

  it('lets classes declared in a node see node-scope variables', () => {
    const catalog = compile(`
      class c { notify { 'c': message => $role } }
      node 'node-1.example.com' { $role = 'db' include c }
    `);
    expect(params(catalog, 'Notify[c]').message).toBe('db');
  });

  it('refuses to reassign a variable, naming the place', () => {
    const error = compileError(`$x = 1\n$x = 2\n`);
    expect(error.message).toBe("Cannot reassign variable '$x'");
    expect([error.location?.line, error.location?.column]).toEqual([2, 4]);
  });

  it('makes unknown variables errors under strictVariables', () => {
    expect(compileError(`notify { 'x': message => $nope }`, { strictVariables: true }).message).toBe("Unknown variable: 'nope'.");
  });

  it('exposes facts as $facts and top-scope variables, and $trusted', () => {
    const catalog = compile(`notify { 'f': message => "\${facts['hostname']} \${::osfamily} \${trusted['certname']} \${trusted['hostname']}" }`);
    expect(params(catalog, 'Notify[f]').message).toBe('node-1 Debian node-1.example.com node-1');
  });
});

describe('classes', () => {
  it('evaluates a class once however often it is included; lists classes in evaluation order', () => {
    const catalog = compile(`class a { notify { 'a': } } include a include a class { 'b': } class b {}`);
    expect(refs(catalog).filter((r) => r === 'Notify[a]')).toHaveLength(1);
    expect(catalog.classes).toEqual(['settings', 'a', 'b']);
  });

  it('accepts include after a resource-like declaration but not the other way round', () => {
    expect(() => compile(`class { 'a': } include a class a {}`)).not.toThrow();
    const error = compileError(`include a\nclass { 'a': }\nclass a {}\n`);
    expect(error.message).toBe('Duplicate declaration: Class[A] is already declared; cannot redeclare (file: site.pp, line: 2)');
    expect([error.location?.line, error.location?.column]).toEqual([2, 1]);
  });

  it('evaluates the parent class first; the child sees its variables and the parent resource comes first', () => {
    const catalog = compile(`
      class base::params { $port = 80 }
      class base($port = $base::params::port) inherits base::params { notify { 'p': message => "\${port} \${base::params::port}" } }
      include base
    `);
    expect(params(catalog, 'Notify[p]').message).toBe('80 80');
    expect(refs(catalog).indexOf('Class[Base::Params]')).toBeLessThan(refs(catalog).indexOf('Class[Base]'));
    expect(params(catalog, 'Class[Base]')).toEqual({ port: 80 });
  });

  it('checks class parameters: types, missing values, unknown names', () => {
    expect(compileError(`class foo(Integer $x) {}\nclass { 'foo': x => 'a' }\n`).message).toBe("Class[Foo]: parameter 'x' expects an Integer value, got String");
    expect(compileError(`class foo($x) {}\ninclude foo\n`).message).toBe("Class[Foo]: expects a value for parameter 'x'");
    expect(compileError(`class foo {}\nclass { 'foo': y => 1 }\n`).message).toBe("Class[Foo]: has no parameter named 'y'");
  });

  it('names the files searched for an unknown class', () => {
    const error = compileError(`include nope::thing`);
    expect(error.message).toContain('Could not find class ::nope::thing for node-1.example.com');
    expect(error.describe()).toMatch(/^site\.pp:1:1: /);
  });

  it('looks class parameters up in Hiera (class::param) when not given, before their defaults', () => {
    const hieraConfig = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'hiera', 'hiera.yaml');
    const catalog = compile(`include webapp`, { hieraConfig });
    expect(params(catalog, 'Class[Webapp]')).toEqual({ port: 9443, user: 'webuser' });
    expect(params(compile(`class { 'webapp': user => 'given' }`, { hieraConfig }), 'Class[Webapp]')).toEqual({ user: 'given', port: 9443 });
  });

  it('autoloads classes, Puppet-language functions and type aliases from modules', () => {
    const catalog = compile(`class { 'webapp': port => 8443 }`);
    expect(params(catalog, 'File[/etc/webapp/port]').content).toBe('port=8443\n');
    expect(params(catalog, 'File[/etc/webapp]').owner).toBe('www');
    expect(compileError(`class { 'webapp': port => 0 }`).message).toContain("Class[Webapp]: parameter 'port' expects");
  });
});

describe('defines', () => {
  it('instantiates defines lazily with $title and $name, one per array title', () => {
    const catalog = compile(`
      define d($v = 'dv') { notify { "n-\${title}": message => "\${name} \${v}" } }
      d { ['a', 'b']: }
      notify { 'last': }
    `);
    expect(params(catalog, 'Notify[n-a]').message).toBe('a dv');
    expect(refs(catalog).slice(-3)).toEqual(['Notify[last]', 'Notify[n-a]', 'Notify[n-b]']);
    expect(params(catalog, 'D[a]')).toEqual({ v: 'dv' });
    expect(resource(catalog, 'D[a]').kind).toBe('defined_type');
  });

  it('autoloads defines from modules and rejects unknown parameters', () => {
    const catalog = compile(`base::vhost { 'www': docroot => '/srv' }`);
    expect(params(catalog, 'File[/etc/vhosts/www.conf]').content).toBe('/srv:80');
    expect(compileError(`define d() {}\nd { 'a': bogus => 1 }\n`).message).toBe("D[a]: has no parameter named 'bogus'");
  });

  it('hands noop and tag down to what a define contains (not relationships)', () => {
    const catalog = compile(`
      define d { notify { "n-\${title}": } }
      file { '/f': }
      d { 'b': noop => true, tag => 'tt', require => File['/f'] }
    `);
    expect(params(catalog, 'Notify[n-b]')).toEqual({ noop: true, tag: 'tt' });
    expect(params(catalog, 'D[b]')).toEqual({ noop: true, tag: 'tt', require: 'File[/f]' });
  });
});

describe('resource defaults', () => {
  it('are dynamically scoped and apply only to resources declared after them', () => {
    const catalog = compile(`
      class inner { file { '/i': } }
      class outer { File { mode => '0600' } include inner file { '/o': } }
      file { '/before': }
      File { owner => 'root' }
      include outer
    `);
    expect(params(catalog, 'File[/before]')).toEqual({});
    expect(params(catalog, 'File[/i]')).toEqual({ owner: 'root', mode: '0600' });
    expect(params(catalog, 'File[/o]')).toEqual({ owner: 'root', mode: '0600' });
  });

  it('set inside a lambda belong to the enclosing scope, as in Puppet (lambda scopes are ephemeral)', () => {
    const catalog = compile(`[1].each |$i| { File { mode => '0700' } file { "/f\${i}": } }\nfile { '/after': }\n`);
    expect(params(catalog, 'File[/f1]')).toEqual({ mode: '0700' });
    expect(params(catalog, 'File[/after]')).toEqual({ mode: '0700' });
  });

  it('give define instances parameter values when declared before them', () => {
    const catalog = compile(`
      define d($p = 'x') {}
      d { 'a': }
      D { p => 'fromdefault' }
      d { 'b': }
    `);
    expect(params(catalog, 'D[a]')).toEqual({ p: 'x' });
    expect(params(catalog, 'D[b]')).toEqual({ p: 'fromdefault' });
  });
});

describe('reference overrides', () => {
  it('lets an inheriting class change parameters, and appends with +>', () => {
    const catalog = compile(`
      class p { file { '/p': mode => '1', group => ['a'] } }
      class c inherits p { File['/p'] { mode => '2', owner => 'x', group +> 'b' } }
      include c
    `);
    expect(params(catalog, 'File[/p]')).toEqual({ mode: '2', group: ['a', 'b'], owner: 'x' });
  });

  it('refuses overrides from unrelated classes and of parameters already set', () => {
    expect(compileError(`class p { file {'/p': mode => '1'} }\nclass q { File['/p'] { mode => '2' } }\ninclude p, q\n`).message).toBe(
      'Only subclasses can override parameters',
    );
    const error = compileError(`file {'/q': mode => '1' }\nFile['/q'] { mode => '3' }\n`);
    expect(error.message).toMatch(/^Parameter 'mode' is already set on File\[\/q\] by .* at \(file: site\.pp, line: 1\); cannot redefine$/);
    expect(error.location?.line).toBe(2);
  });

  it('sets parameters not set yet, also on resources declared after the override', () => {
    const catalog = compile(`File['/later'] { mode => '3' }\nfile { '/later': }\n`);
    expect(params(catalog, 'File[/later]')).toEqual({ mode: '3' });
  });
});

describe('collectors and virtual resources', () => {
  it('realizes virtual resources by query and leaves the others out of the catalog', () => {
    const catalog = compile(`
      @user { 'alice': uid => 1, tag => 'admins' }
      @user { 'bob': uid => 2 }
      @user { 'carol': uid => 3 }
      User <| tag == 'admins' or (title == 'carol' and uid != 4) |>
    `);
    expect(refs(catalog).filter((r) => r.startsWith('User'))).toEqual(['User[alice]', 'User[carol]']);
  });

  it('overrides collected resources, including ones declared after the collector and inside defines', () => {
    const catalog = compile(`
      Service <| title == 'db' |> { provider => 'pacemaker' }
      define wrap { service { $title: ensure => running } }
      wrap { 'db': }
      service { 'web': }
    `);
    expect(params(catalog, 'Service[db]')).toEqual({ ensure: 'running', provider: 'pacemaker' });
    expect(params(catalog, 'Service[web]')).toEqual({});
  });

  it('matches array-valued attributes by membership and `name` only when set', () => {
    const catalog = compile(`
      @package { 'a': install_options => ['x', 'y'] }
      @package { 'b': name => 'bee' }
      @package { 'c': }
      Package <| install_options == 'y' |>
      Package <| name == 'bee' |>
      Package <| name == 'c' |>
    `);
    expect(refs(catalog).filter((r) => r.startsWith('Package'))).toEqual(['Package[a]', 'Package[b]']);
  });

  it('realize() fails for resources that never appear', () => {
    const error = compileError(`realize(User['nope'])`);
    expect(error.message).toBe('Failed to realize virtual resources User[nope]');
  });

  it('ignores exported collections with a warning, keeps exported resources marked', () => {
    const catalog = compile(`@@file { '/e': tag => 'x' }\nFile <<| tag == 'x' |>> { mode => '0600' }\n`);
    expect(resource(catalog, 'File[/e]').exported).toBe(true);
    expect(params(catalog, 'File[/e]')).toEqual({ tag: 'x' });
    expect(catalog.warnings.join('\n')).toContain('the collection will be ignored');
  });
});

describe('relationships', () => {
  it('turns chains into before/notify arrays on the source, after what was written', () => {
    const catalog = compile(`
      package { 'p': before => File['/f'] }
      file { '/f': }
      service { 's': require => Package['p'] }
      Package['p'] -> Service['s']
      File['/f'] ~> Service['s']
      Service['s'] <- Exec['e']
      exec { 'e': command => '/bin/true' }
    `);
    expect(params(catalog, 'Package[p]')).toEqual({ before: ['File[/f]', 'Service[s]'] });
    expect(params(catalog, 'File[/f]')).toEqual({ notify: ['Service[s]'] });
    expect(params(catalog, 'Service[s]')).toEqual({ require: 'Package[p]' });
    expect(params(catalog, 'Exec[e]')).toEqual({ command: '/bin/true', before: ['Service[s]'] });
  });

  it('relates everything two collectors collect', () => {
    const catalog = compile(`
      Package <| |> -> Service <| |>
      package { ['a', 'b']: }
      service { 'x': }
      service { 'y': }
    `);
    expect(params(catalog, 'Package[a]')).toEqual({ before: ['Service[x]', 'Service[y]'] });
    expect(params(catalog, 'Package[b]')).toEqual({ before: ['Service[x]', 'Service[y]'] });
  });

  it('require() adds a require metaparameter to the requiring class', () => {
    const catalog = compile(`class r {} class outer { require r } include outer`);
    expect(params(catalog, 'Class[Outer]')).toEqual({ require: ['Class[R]'] });
  });

  it('fails on a chain to a resource that does not exist', () => {
    expect(compileError(`File['/nope'] -> File['/x']\nfile {'/x': }\n`).message).toBe("Could not find resource 'File[/nope]' for relationship on 'File[/x]'");
  });
});

describe('tags and containment', () => {
  it('tags resources with type, valid title, containers and tag values', () => {
    const catalog = compile(`
      class outer { include inner }
      class inner { file { '/i': } tag 'extra' }
      define my::thing { notify { "t-\${title}": } }
      include outer
      my::thing { 'Foo Bar': }
      package { 'p': tag => ['xx'] }
    `);
    expect(resource(catalog, 'File[/i]').tags).toEqual(['file', 'class', 'inner', 'outer', 'extra']);
    expect(resource(catalog, 'Class[Inner]').tags).toEqual(['class', 'inner', 'outer', 'extra']);
    expect(resource(catalog, 'Notify[t-Foo Bar]').tags).toEqual(['notify', 'my::thing', 'my', 'thing', 'class']);
    expect(resource(catalog, 'Package[p]').tags).toEqual(['xx', 'package', 'p', 'class']);
  });

  it('records containment: stage -> classes, main -> top resources, defines -> their resources, contain', () => {
    const catalog = compile(`
      class c { file { '/c': } }
      class outer { contain c }
      define d { notify { "n-\${title}": } }
      include outer
      d { 'a': }
      node default { file { '/node': } }
    `);
    expect(edges(catalog)).toEqual([
      'Stage[main] -> Class[Settings]',
      'Stage[main] -> Class[main]',
      'Stage[main] -> Class[Outer]',
      'Stage[main] -> Class[C]',
      'Class[Outer] -> Class[C]',
      'Class[C] -> File[/c]',
      'Class[main] -> D[a]',
      'Class[main] -> Node[default]',
      'Node[default] -> File[/node]',
      'D[a] -> Notify[n-a]',
    ]);
    expect(catalog.classes).toEqual(['settings', 'outer', 'c', 'default']);
    expect(resource(catalog, 'File[/node]').tags).toEqual(['file', 'node', 'default', 'class']);
  });

  it('matches nodes by exact name before regexes before default', () => {
    const code = `node 'node-1.example.com' { notify { 'exact': } }\nnode /^node-\\d/ { notify { 'regex': } }\nnode default { notify { 'default': } }\n`;
    expect(refs(compile(code))).toContain('Notify[exact]');
    expect(refs(compile(code, { nodeName: 'node-2' }))).toContain('Notify[regex]');
    expect(refs(compile(code, { nodeName: 'other' }))).toContain('Notify[default]');
  });
});

describe('catalog functions', () => {
  it('create_resources declares resources with defaults, ensure_resource only once', () => {
    const catalog = compile(`
      create_resources('file', { '/a' => { mode => '0600' }, '/b' => {} }, { owner => 'root' })
      ensure_resource('package', ['x', 'y'], { ensure => present })
      ensure_resource('package', 'x', { ensure => present })
      ensure_packages(['z'])
    `);
    expect(params(catalog, 'File[/a]')).toEqual({ owner: 'root', mode: '0600' });
    expect(params(catalog, 'File[/b]')).toEqual({ owner: 'root' });
    expect(params(catalog, 'Package[x]')).toEqual({ ensure: 'present' });
    expect(params(catalog, 'Package[z]')).toEqual({ ensure: 'installed' });
    expect(compileError(`package { 'x': ensure => absent }\nensure_resource('package', 'x', { ensure => present })\n`).message).toContain(
      'Duplicate declaration: Package[x] is already declared',
    );
  });

  it('defined() knows classes, defines, declared resources and variables', () => {
    const catalog = compile(`
      class a {} define d {} file { '/f': } $v = 1
      notify { 'r': message => [defined('a'), defined('d'), defined(File['/f']), defined(File['/g']), defined('$v'), defined('nope')] }
    `);
    expect(params(catalog, 'Notify[r]').message).toEqual([true, true, true, false, true, false]);
  });

  it('renders EPP templates from modules with typed parameters', () => {
    const catalog = compile(`file { '/motd': content => epp('webapp/motd.epp', { name => 'ops' }) }`);
    expect(params(catalog, 'File[/motd]').content).toBe('Hello ops, 2 times\n');
  });

  it('compiles a class or define as a subject with a pre-condition, as the spec library will', () => {
    const catalog = compile('', { preCondition: `file { '/etc/vhosts': ensure => directory }`, subject: { kind: 'define', name: 'base::vhost', title: 'api', params: { docroot: '/srv/api' } } });
    expect(params(catalog, 'File[/etc/vhosts/api.conf]').content).toBe('/srv/api:80');
    expect(params(catalog, 'Base::Vhost[api]')).toEqual({ docroot: '/srv/api', port: 80 });
  });
});

describe('errors', () => {
  it('reports duplicate declarations with both places', () => {
    const error = compileError(`file { '/x': }\nfile { '/x': }\n`);
    expect(error.describe()).toBe('site.pp:2:1: Duplicate declaration: File[/x] is already declared at (file: site.pp, line: 1); cannot redeclare (file: site.pp, line: 2)');
  });

  it('reports unknown functions at the call', () => {
    expect(compileError(`notify { 'x': message => no_such_function(1) }`).describe()).toBe("site.pp:1:26: Unknown function: 'no_such_function'.");
  });

  it('warns as Puppet when a hash literal gives a key twice, at the second entry\'s =>, and keeps the last value', () => {
    const catalog = compile(`$h = {\n  'ip' => '192.0.2.10',\n  ip   => '192.0.2.11',\n}\nnotify { 'vip': message => $h['ip'] }\n`);
    expect(catalog.warnings).toEqual(["The key 'ip' is declared more than once (file: site.pp, line: 3, column: 8)"]);
    expect(params(catalog, 'Notify[vip]').message).toBe('192.0.2.11');
  });

  it('checks the text an interpolating heredoc with a syntax tag produces, at its first line (as Puppet)', () => {
    const code = `$v = 'INFINITY'\n$x = @("END":json)\n  { "stickiness": \${v} }\n  | END\nnotify { $x: }\n`;
    const error = compileError(code);
    expect(error.message).toMatch(/^Invalid produced text having syntax: 'json'\. JSON syntax checker: Cannot parse invalid JSON string\. "/);
    expect(error.location).toMatchObject({ line: 3, column: 1 });
    expect(() => compile(code.replace('${v}', '"${v}"'))).not.toThrow();
  });
});
