// compile(): subjects written as rspec-puppet writes them, facts, pre/post conditions, errors.
import { describe, expect, it } from 'vitest';
import { CompileError, CompiledCatalog, compile, puppetLiteral, raw, ref, sensitive, subjectCode, withDefaults } from 'papply/spec';

const modulepath = 'spec/library/fixtures/modules';

describe('puppetLiteral', () => {
  it('writes JavaScript values as Puppet literals', () => {
    expect(puppetLiteral("it's a \\ path")).toBe("'it\\'s a \\\\ path'");
    expect(puppetLiteral(3121)).toBe('3121');
    expect(puppetLiteral(1.5)).toBe('1.5');
    expect(puppetLiteral(false)).toBe('false');
    expect(puppetLiteral(null)).toBe('undef');
    expect(puppetLiteral(['a', 1, [true]])).toBe("['a', 1, [true]]");
    expect(puppetLiteral({ monitor: { interval: '10s' }, 'a-b': [] })).toBe("{'monitor' => {'interval' => '10s'}, 'a-b' => []}");
    expect(puppetLiteral(ref('Package', 'haproxy'))).toBe("Package['haproxy']");
    expect(puppetLiteral(raw('default'))).toBe('default');
    expect(puppetLiteral(sensitive('secret'))).toBe("Sensitive('secret')");
    expect(puppetLiteral(/^a\/b$/)).toBe('/^a\\/b$/');
  });

  it('refuses values Puppet cannot express', () => {
    expect(() => puppetLiteral(Number.NaN)).toThrow(/no Puppet literal/);
    expect(() => puppetLiteral(new Date(0))).toThrow(/cannot write \[object Date\]/);
  });
});

describe('subjectCode', () => {
  it('includes a class without params and declares it resource-like with params', () => {
    expect(subjectCode({ klass: 'motd' })).toBe('include motd');
    expect(subjectCode({ klass: 'motd', params: { port: 2222, banner: undefined } })).toBe("class { 'motd':\n  port => 2222,\n}");
  });

  it('declares a define instance under its title', () => {
    expect(subjectCode({ define: 'motd::line', title: 'x', params: { text: 'hi' } })).toBe("motd::line { 'x':\n  text => 'hi',\n}");
    expect(() => subjectCode({ define: 'motd::line', params: { 'bad name': 1 } })).toThrow(/not a Puppet parameter name/);
  });
});

describe('compile', () => {
  it('compiles a class with params, facts derived from the node name and given facts', async () => {
    const catalog = await compile({ klass: 'motd', params: { message: "Don't panic", admins: ['ann', 'bob'] }, modulepath, nodeName: 'web-1.example.org' });
    expect(catalog).toBeInstanceOf(CompiledCatalog);
    const motd = catalog.resource('file[/etc/motd]')!;
    expect(motd.parameters.content).toBe("Don't panic on web-1.example.org (ssh port 22)\nadmin: ann\nadmin: bob\n");
    expect(catalog.classes).toEqual(['motd']);
    expect(catalog.toJSON().name).toBe('web-1.example.org');
    const withFacts = await compile({ klass: 'motd', modulepath, facts: { fqdn: 'other.example.net' } });
    expect(withFacts.resource('File[/etc/motd]')!.parameters.content).toMatch(/^Welcome on other\.example\.net/);
  });

  it('evaluates the pre-condition first and the post-condition after the subject', async () => {
    const catalog = await compile({
      define: 'motd::line',
      title: 'news',
      params: { text: 'hello', order: 5 },
      preCondition: ["file { '/etc/motd': ensure => file }", "$who = 'pre'"],
      postCondition: "notify { \"after ${who}\": require => Motd::Line['news'] }",
      modulepath,
    });
    expect(catalog.resource('File[/etc/motd.d/5-news]')!.parameters).toMatchObject({ content: 'hello\n', before: 'File[/etc/motd]' });
    expect(catalog.resource('Notify[after pre]')).toBeDefined();
    expect(catalog.resources.map((r) => r.ref)).toContain('Motd::Line[news]');
  });

  it('passes references and undef through params', async () => {
    const catalog = await compile({
      manifest: "define demo::thing($dep = undef, $flag = 'unset') { notify { $title: message => \"${flag}\", require => $dep } }\npackage { 'x': }",
      define: 'demo::thing',
      title: 't',
      params: { dep: ref('Package', 'x'), flag: null },
    });
    expect(catalog.resource('Notify[t]')!.parameters).toEqual({ message: 'unset', require: 'Package[x]' });
  });

  it('rejects with the file, line and column of a compile error', async () => {
    const failing = compile({ manifest: "\n\nfile { '/x':\n  ensure => nonsense(1),\n}\n" });
    await expect(failing).rejects.toThrow(/Unknown function: 'nonsense'.*\(file: site\.pp, line: 4, column: 13\)/);
    const error = await failing.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CompileError);
    expect(error).toMatchObject({ file: 'site.pp', line: 4, column: 13, location: { file: 'site.pp', line: 4, column: 13 } });
  });

  it('reports errors in modules at their place in the module', async () => {
    await expect(compile({ klass: 'motd', params: { port: 'ssh' }, modulepath })).rejects.toThrow(/port/);
    const error = (await compile({ define: 'motd::line', title: 'x', modulepath }).catch((e: unknown) => e)) as CompileError;
    expect(error.message).toMatch(/text/);
    expect(error.file).toBeDefined();
  });

  it('looks class parameters up in Hiera', async () => {
    const hieraConfig = 'spec/library/fixtures/hiera/hiera.yaml';
    const common = await compile({ klass: 'motd', modulepath, hieraConfig });
    expect(common.resource('File[/etc/motd]')!.parameters.content).toBe('From Hiera on testhost.example.com (ssh port 22)\n');
    const special = await compile({ klass: 'motd', modulepath, hieraConfig, nodeName: 'special.example.com', params: { message: 'Given' } });
    expect(special.resource('File[/etc/motd]')!.parameters.content).toBe('Given on special.example.com (ssh port 2022)\n');
  });

  it('passes raw code and Sensitive values, and keeps warnings', async () => {
    const catalog = await compile({
      manifest: "define demo::secret($value, $mode = '0600') { file { $title: content => $value, mode => $mode } }\n$x = \"${undefined_variable}\"",
      define: 'demo::secret',
      title: '/etc/secret',
      params: { value: sensitive('s3cret'), mode: raw("sprintf('%04o', 416)") },
    });
    const secret = catalog.resource('File[/etc/secret]')!;
    expect(secret.parameters.mode).toBe('0640');
    expect(catalog.toJSON().resources.find((r) => r.type === 'File' && r.title === '/etc/secret')!.sensitive_parameters).toEqual(['content']);
    expect(catalog.warnings.join('\n')).toMatch(/undefined_variable/);
    await expect(compile({ manifest: '$x = "${undefined_variable}"', strictVariables: true })).rejects.toThrow(/undefined_variable/);
  });

  it('compiles a site manifest file for a node, as host specs do', async () => {
    const web = await compile({ manifestFile: 'spec/library/fixtures/manifests/site.pp', nodeName: 'web-1.example.com', modulepath });
    expect(web.classes).toContain('motd');
    expect(web.resource('File[/etc/motd]')!.file).toMatch(/motd\/manifests\/init\.pp$/);
    const other = await compile({ manifestFile: 'spec/library/fixtures/manifests/site.pp', nodeName: 'db-1.example.com', postCondition: "notify { 'post': }", modulepath });
    expect(other.resource('Notify[unclassified]')).toBeDefined();
    expect(other.resource('Notify[post]')).toBeDefined();
    expect(other.resource('File[/etc/motd]')).toBeUndefined();
  });

  it('lists resources by type and the containers of a resource', async () => {
    const catalog = await compile({ klass: 'motd', params: { banner: 'Hi' }, modulepath });
    expect(catalog.resourcesOfType('file').map((r) => r.title)).toEqual(['/etc/motd', '/etc/motd.d/10-banner']);
    expect(catalog.containersOf('File[/etc/motd.d/10-banner]').map((r) => r.ref)).toEqual(['Motd::Line[banner]', 'Class[Motd]', 'Stage[main]']);
    expect(catalog.resource('File[nothing]')).toBeUndefined();
    expect(catalog.resource('not a reference')).toBeUndefined();
  });

  it('withDefaults merges facts and params over shared options', async () => {
    const build = withDefaults({ klass: 'motd', modulepath, params: { message: 'Hi', port: 2200 }, facts: { fqdn: 'a.example.com' } });
    const catalog = await build({ params: { port: 2201 } });
    expect(catalog.resource('File[/etc/motd]')!.parameters.content).toBe('Hi on a.example.com (ssh port 2201)\n');
    const other = await build({ facts: { fqdn: 'b.example.com' }, params: { message: undefined } });
    expect(other.resource('File[/etc/motd]')!.parameters.content).toBe('Welcome on b.example.com (ssh port 2200)\n');
  });
});
