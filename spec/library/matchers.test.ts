// The matchers themselves: what passes, what fails, and what a failure says.
import { beforeAll, describe, expect, it } from 'vitest';
import { type CompiledCatalog, compile, matchers, sensitive } from 'papply/spec';

expect.extend(matchers);

const modulepath = 'spec/library/fixtures/modules';

/** The message a failing expectation throws. */
function failureOf(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the expectation passed');
}

describe('Sensitive values', () => {
  it('match by what they wrap, at the top of a parameter and nested in hashes and arrays', async () => {
    const catalog = await compile({
      manifest: `notify { 'top': message => Sensitive('s3cret') }
        notify { 'nested': message => { 'user' => 'admin', 'pass' => Sensitive('s3cret'), 'list' => [Sensitive('deep')] } }`,
    });
    expect(catalog).toContainResource('Notify[top]', { with: { message: 's3cret' } });
    expect(catalog).toContainResource('Notify[top]', { with: { message: sensitive('s3cret') } });
    expect(catalog).toContainResource('Notify[nested]', { with: { message: { user: 'admin', pass: sensitive('s3cret'), list: [sensitive('deep')] } } });
    expect(catalog).toContainResource('Notify[nested]', { with: { message: { user: 'admin', pass: 's3cret', list: ['deep'] } } });
    expect(catalog).not.toContainResource('Notify[nested]', { with: { message: { user: 'admin', pass: sensitive('other'), list: ['deep'] } } });
  });
});

describe('toContainResource', () => {
  let catalog: CompiledCatalog;
  beforeAll(async () => {
    catalog = await compile({ klass: 'motd', params: { port: 2222, admins: ['ann'], extra: { a: 1 }, banner: 'Hi' }, modulepath });
  });

  it('finds resources with the type name in any case and checks parameters', () => {
    expect(catalog).toContainResource('File[/etc/motd]');
    expect(catalog).toContainResource('file[/etc/motd]', { with: { ensure: 'file', mode: '0644' } });
    expect(catalog).toContainResource("Package['motd-tools']", { with: { ensure: 'installed' } });
    expect(catalog).toContainResource('Motd::Line[banner]', { with: { text: 'Hi', order: 10 } });
    expect(catalog).toContainResource('motd::line[banner]', { with: { order: '10' } });
  });

  it('compares scalars by their string forms, RegExps against strings, arrays and hashes element-wise', () => {
    expect(catalog).toContainClass('motd', { with: { port: '2222', manage_package: 'true', admins: ['ann'], extra: { a: '1' } } });
    expect(catalog).toContainClass('Motd', { with: { admins: /"ann"/, message: /^Wel/ } });
    // A single value matches a one-element array (Puppet writes those as the value alone).
    expect(catalog).toContainResource('File[/etc/motd]', { with: { require: ['Package[motd-tools]'] } });
    expect(catalog).not.toContainClass('motd', { with: { admins: 'ann' } });
    expect(catalog).toContainResource('Exec[refresh-motd]', { with: { refreshonly: true, command: expect.stringContaining('true') } });
    expect(catalog).toContainResource('File[/etc/motd]', { with: { mode: (value) => value === '0644' } });
    expect(catalog).not.toContainClass('motd', { with: { admins: ['ann', 'bob'] } });
    expect(catalog).not.toContainClass('motd', { with: { extra: { a: 1, b: 2 } } });
  });

  it('checks parameters that must not be set', () => {
    expect(catalog).toContainResource('Exec[refresh-motd]', { without: ['unless', 'onlyif'] });
    expect(catalog).toContainResource('File[/etc/motd]', { without: { mode: '0600' } });
    expect(catalog).not.toContainResource('File[/etc/motd]', { without: ['mode'] });
    // null in `with` means unset, as nil in rspec-puppet.
    expect(catalog).toContainResource('Exec[refresh-motd]', { with: { unless: null, refreshonly: true } });
    expect(failureOf(() => expect(catalog).toContainResource('File[/etc/motd]', { with: { mode: null } }))).toContain("\n  mode: expected null, got '0644'");
    expect(failureOf(() => expect(catalog).toContainResource('File[/etc/motd]', { without: ['mode', 'owner'] }))).toMatch(/differs:\n {2}mode: expected unset, got '0644'$/);
  });

  it('checks that only the given parameters are set', () => {
    expect(catalog).toContainResource('Package[motd-tools]', { onlyWith: { ensure: 'installed' } });
    expect(catalog).toContainResource('Exec[refresh-motd]', { onlyWith: { command: '/usr/bin/true', refreshonly: true, subscribe: 'File[/etc/motd]' } });
    const message = failureOf(() => expect(catalog).toContainResource('File[/etc/motd]', { onlyWith: { ensure: 'file', mode: '0644' } }));
    expect(message).toContain("File[/etc/motd] with ensure => 'file', mode => '0644', no other parameters, but");
    expect(message).toMatch(/\n {2}only the given parameters: also set content => ".*", require => 'Package\[motd-tools\]'$/);
  });

  it('checks the content', () => {
    expect(catalog).toContainResource('File[/etc/motd]', { contentMatches: [/ssh port 2222/, 'admin: ann'] });
    const message = failureOf(() => expect(catalog).toContainResource('File[/etc/motd]', { contentMatches: 'admin: bob' }));
    expect(message).toContain(`content: expected to contain 'admin: bob', got "Welcome on testhost.example.com (ssh port 2222)\\nadmin: ann\\n"`);
  });

  it('fails a missing resource with the nearest ones', () => {
    expect(catalog).not.toContainResource('File[/etc/motd.d]');
    const message = failureOf(() => expect(catalog).toContainResource('File[/etc/mtod]'));
    expect(message).toMatch(/^expected the catalog to contain File\[\/etc\/mtod\], but it has no File\[\/etc\/mtod\]\nnearest resources in the catalog:\n {2}File\[\/etc\/motd\] \(.*init\.pp:14\)\n/);
  });

  it('fails a `with` mismatch naming each parameter, expected and actual', () => {
    const message = failureOf(() =>
      expect(catalog).toContainResource('File[/etc/motd]', { with: { ensure: 'file', mode: '0600', owner: 'root', content: /port 22$/m } }),
    );
    expect(message).toContain("expected the catalog to contain File[/etc/motd] with ensure => 'file', mode => '0600', owner => 'root', content => /port 22$/m, but File[/etc/motd]");
    expect(message).toContain("\n  mode: expected '0600', got '0644'");
    expect(message).toContain("\n  owner: expected 'root', got (not set)");
    expect(message).toMatch(/\n {2}content: expected \/port 22\$\/m, got "Welcome/);
    expect(message).not.toContain('ensure:');
  });

  it('fails `.not` on a resource that is there, saying where it is', () => {
    const message = failureOf(() => expect(catalog).not.toContainResource('Package[motd-tools]'));
    expect(message).toMatch(/^expected the catalog not to contain Package\[motd-tools\], but it does: Package\[motd-tools\] \(.*init\.pp:12\)/);
  });

  it('refuses what is not a reference or not a catalog', () => {
    expect(() => expect(catalog).toContainResource('motd')).toThrow(/'motd' is not a resource reference/);
    expect(() => expect({ resources: 1 }).toContainResource('File[x]')).toThrow(/expected a compiled catalog/);
    expect(() => expect(compile({ manifest: '' })).toContainResource('File[x]')).toThrow(/got a Promise/);
  });
});

describe('relationships', () => {
  let catalog: CompiledCatalog;
  beforeAll(async () => {
    catalog = await compile({
      manifest: `
        class base { package { 'tools': } }
        class app {
          file { '/etc/app.conf': ensure => file }
          service { 'app': subscribe => File['/etc/app.conf'] }
        }
        class { 'base': before => Class['app'] }
        include app
        file { 'app dir': path => '/srv/app', ensure => directory }
        exec { 'first': command => '/bin/true 1' }
        -> exec { 'second': command => '/bin/true 2' }
        -> exec { 'third': command => '/bin/true 3' }
        exec { 'notifier': command => '/bin/true 4', notify => Exec['second'] }
        exec { 'uses alias': command => '/bin/true 5', require => File['/srv/app'] }
        class late { exec { 'inside late': command => '/bin/true 6', before => Exec['last'] } }
        include late
        exec { 'early': command => '/bin/true 7', before => Class['late'] }
        exec { 'last': command => '/bin/true 8' }
      `,
    });
  });

  it('sees a relationship declared on either side', () => {
    expect(catalog).toContainResource('Service[app]', { subscribes: 'File[/etc/app.conf]', requires: 'File[/etc/app.conf]' });
    expect(catalog).toContainResource('File[/etc/app.conf]', { notifies: 'Service[app]', before: 'Service[app]' });
    expect(catalog).toContainResource('Exec[notifier]', { notifies: 'Exec[second]', before: ['Exec[second]'] });
  });

  it('follows containers: a class before another orders their contents', () => {
    expect(catalog).toContainResource('Service[app]', { requires: ['Package[tools]', 'Class[base]'] });
    expect(catalog).toContainResource('Package[tools]', { before: ['File[/etc/app.conf]', 'Class[app]'] });
    expect(catalog).toContainClass('app', { with: {} });
    expect(catalog).toContainResource('Class[base]', { before: 'Service[app]' });
  });

  it('follows chains of the same relationship', () => {
    expect(catalog).toContainResource('Exec[first]', { before: 'Exec[third]' });
    expect(catalog).toContainResource('Exec[third]', { requires: 'Exec[first]' });
    // Chains mixing kinds and passing through a class: early -> Class[late] ∋ inside late -> last.
    expect(catalog).toContainResource('Exec[notifier]', { before: 'Exec[third]' });
    expect(catalog).toContainResource('Exec[early]', { before: 'Exec[last]' });
    expect(catalog).toContainResource('Exec[last]', { requires: ['Exec[early]', 'Exec[inside late]'] });
    expect(catalog).toContainResource('Exec[first]', { before: 'Exec[third]', notifies: [] });
    // Sharing a class orders nothing; neither does coming after the same thing.
    expect(catalog).not.toContainResource('Package[tools]', { before: 'Exec[first]' });
    expect(catalog).not.toContainResource('File[/etc/app.conf]', { requires: 'Exec[inside late]' });
    expect(catalog).not.toContainResource('Exec[second]', { before: 'Exec[notifier]' });
    expect(catalog).not.toContainResource('Class[late]', { before: 'Exec[inside late]' });
    expect(catalog).not.toContainResource('Class[late]', { before: 'Exec[last]' });
  });

  it('resolves namevar aliases', () => {
    expect(catalog).toContainResource('File[/srv/app]', { with: { ensure: 'directory' } });
    expect(catalog).toContainResource('Exec[uses alias]', { requires: 'File[app dir]' });
  });

  it('fails a missing relationship, showing what both sides declare', () => {
    expect(catalog).not.toContainResource('Exec[third]', { before: 'Exec[first]' });
    expect(catalog).not.toContainResource('Package[tools]', { notifies: 'Service[app]' });
    const message = failureOf(() => expect(catalog).toContainResource('Exec[first]', { requires: 'Exec[second]', notifies: 'Exec[nowhere]' }));
    expect(message).toContain('expected the catalog to contain Exec[first] with requires Exec[second], notifies Exec[nowhere], but Exec[first]');
    expect(message).toContain('\n  requires Exec[second]: no such relationship (Exec[first] declares before => [Exec[second]]; Exec[second] declares before => [Exec[third]])');
    expect(message).toContain('\n  notifies Exec[nowhere]: the catalog has no Exec[nowhere]');
  });
});

describe('counts', () => {
  it('counts resources as rspec-puppet does: defined instances yes, classes and Stage[main] no', async () => {
    const catalog = await compile({ klass: 'motd', params: { banner: 'Hi' }, modulepath });
    // Package, File /etc/motd, Exec, Motd::Line[banner] and its file.
    expect(catalog).toHaveResourceCount(5);
    expect(catalog).toHaveResourceCount(2, 'file');
    expect(catalog).toHaveResourceCount(1, 'motd::line');
    expect(catalog).toHaveClassCount(1);
    const message = failureOf(() => expect(catalog).toHaveResourceCount(4));
    expect(message).toBe(
      'expected the catalog to contain exactly 4 resources, but it contains 5:\n  Package[motd-tools]\n  File[/etc/motd]\n  Exec[refresh-motd]\n  Motd::Line[banner]\n  File[/etc/motd.d/10-banner]',
    );
    expect(failureOf(() => expect(catalog).toHaveClassCount(2))).toBe('expected the catalog to contain exactly 2 classes, but it contains 1:\n  Class[Motd]');
    expect(failureOf(() => expect(catalog).toHaveResourceCount(3, 'File'))).toMatch(/^expected the catalog to contain exactly 3 File resources, but it contains 2:/);
  });

  it('counts an empty catalog as empty', async () => {
    const catalog = await compile({ manifest: 'class empty {}\ninclude empty' });
    expect(catalog).toHaveResourceCount(0);
    expect(catalog).toHaveClassCount(1);
  });
});

describe('toCompileWithAllDeps', () => {
  it('passes when every relationship resolves and nothing cycles', async () => {
    expect(await compile({ klass: 'motd', params: { banner: 'Hi' }, modulepath })).toCompileWithAllDeps();
  });

  it('fails on a relationship to a resource the catalog lacks, naming where it was declared', async () => {
    // The compiler refuses such references itself (as Puppet does) ...
    await expect(compile({ klass: 'motd', params: { manage_package: false }, modulepath })).rejects.toThrow(/Could not find resource 'Package\[motd-tools\]' in parameter 'require'.*line: \d+/);
    // ... so the matcher meets them in catalogs from elsewhere (Puppet's JSON, edited ones).
    const json = (await compile({ klass: 'motd', modulepath })).toJSON();
    const edited = { ...json, resources: json.resources.filter((resource) => resource.type !== 'Package') };
    const message = failureOf(() => expect(edited).toCompileWithAllDeps());
    expect(message).toMatch(/^expected every relationship to resolve without cycles, but:\n {2}Package\[motd-tools\] \(require of File\[\/etc\/motd\] at .*init\.pp:14\) is not in the catalog$/);
    expect(json).toCompileWithAllDeps();
  });

  it('fails on a dependency cycle, through containers too', async () => {
    const catalog = await compile({
      manifest: "class a { notify { 'in a': } }\nclass b { notify { 'in b': before => Class['a'] } }\ninclude a, b\nClass['a'] -> Class['b']",
    });
    expect(catalog).not.toCompileWithAllDeps();
    expect(failureOf(() => expect(catalog).toCompileWithAllDeps())).toMatch(/Found 1 dependency cycle:\n\(.*Notify\[in b\].*\)/);
  });
});
