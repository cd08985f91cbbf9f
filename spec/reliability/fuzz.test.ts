// Fuzzing the front ends with mutations of real manifests and templates of this repository
// (spec fixtures, modules/, manifests/): every input ends in a parse result or a PapplyError that
// names the file, line and column — never another exception, never a hang. The per-case time
// bound is a hang detector, not a performance target. fast-check drives the mutations with a fixed
// seed (PAPPLY_FUZZ_SEED=<n> explores others; PAPPLY_FUZZ_RUNS scales the number of cases).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PapplyError } from '../../src/errors.js';
import { parseEpp, parseManifest } from '../../src/compiler/parser.js';
import { compileTemplate } from '../../src/compiler/templates/index.js';
import { compileCatalog } from '../../src/compiler/compile.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SEED = Number(process.env.PAPPLY_FUZZ_SEED ?? 20261126);
const SCALE = Number(process.env.PAPPLY_FUZZ_RUNS ?? 1);
// Far above any real parse of these inputs (milliseconds), low enough to call a stall a hang.
const HANG_MS = 10_000;

function filesUnder(dirs: string[], extension: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      if (entry === 'node_modules' || entry === 'golden') continue;
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith(extension)) found.push(path);
    }
  };
  for (const dir of dirs) walk(join(root, dir));
  return found.sort();
}

const corpus = (extension: string, dirs: string[]) =>
  filesUnder(dirs, extension).map((path) => ({ name: relative(root, path), text: readFileSync(path, 'utf8') }));

const manifests = corpus('.pp', ['spec/fixtures', 'spec/conformance', 'modules', 'manifests']);
const erbTemplates = corpus('.erb', ['spec', 'modules']);
const eppTemplates = corpus('.epp', ['spec', 'modules']);

// Pieces that sit on the edges of the grammars: openers without closers, interpolation,
// heredocs, ERB tags, Ruby block keywords, escapes, odd characters.
const TOKENS = [
  '{', '}', '(', ')', '[', ']', '"', "'", '$', '${', '${x', '::', '$::', '=>', '->', '~>', '<|', '|>', '<<|', '|>>', '|',
  ',', ';', '\n', '#', '/*', '*/', '\\', '@', '@@', '@(END)', '@("EOT"/L)', 'END', '-', '?', ':', '=~', '/', 'if', 'else',
  'unless', 'case', 'class', 'define', 'node', 'default', 'undef', 'inherits', 'function', 'type', '0x', '0777', '1e',
  '<%', '%>', '<%=', '-%>', '<%-', '<%#', '<%%', '%%>', 'do', 'end', '|k, v|', '.each', 'elsif', 'begin', 'rescue',
  'while', 'def', '@var', 'scope[', '"#{', '}"', '%w(', '<<-EOS', '\u0000', '\u00e9', '\ud83d\ude00', '\t', '\r',
];

type Mutation = [kind: number, at: number, length: number, token: number];
const mutation = fc.tuple(fc.nat(4), fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(40), fc.nat(TOKENS.length - 1)) as fc.Arbitrary<Mutation>;

/** Applies mutations in turn: delete a slice, insert a token, duplicate a slice, swap, truncate. */
function mutate(text: string, mutations: Mutation[]): string {
  let result = text;
  for (const [kind, at, length, token] of mutations) {
    const position = Math.floor(at * result.length);
    switch (kind) {
      case 0:
        result = result.slice(0, position) + result.slice(position + length);
        break;
      case 1:
        result = result.slice(0, position) + TOKENS[token] + result.slice(position);
        break;
      case 2:
        result = result.slice(0, position + length) + result.slice(position, position + length) + result.slice(position + length);
        break;
      case 3:
        if (position + length < result.length) {
          result = result.slice(0, position) + result[position + length] + result.slice(position + 1, position + length) + result[position] + result.slice(position + length + 1);
        }
        break;
      default:
        result = result.slice(0, Math.max(position, 1));
    }
  }
  return result;
}

/** Runs one case: a result or a located PapplyError, within the hang bound. Other throws fail. */
function expectResultOrLocatedError(run: () => unknown, file: string, input: string): void {
  const started = performance.now();
  try {
    run();
  } catch (error) {
    if (!(error instanceof PapplyError)) {
      throw new Error(`${file}: ${(error as Error)?.constructor?.name ?? typeof error} escaped instead of a PapplyError: ${String((error as Error)?.stack ?? error)}\n--- input ---\n${input}`);
    }
    const location = error.location;
    if (!location || !location.file || !(location.line >= 1) || !(location.column >= 1)) {
      throw new Error(`${file}: PapplyError without file/line/column: ${error.message} ${JSON.stringify(location)}\n--- input ---\n${input}`);
    }
  }
  const elapsed = performance.now() - started;
  if (elapsed > HANG_MS) throw new Error(`${file}: took ${Math.round(elapsed)} ms (hang bound ${HANG_MS} ms)\n--- input ---\n${input}`);
}

const runs = (n: number) => ({ numRuns: Math.max(1, Math.round(n * SCALE)), seed: SEED, endOnFailure: true });

/** Checks `check(name, mutated text)` over `n` runs of 1..maxMutations mutations of a corpus entry. */
function assertOverMutations(files: { name: string; text: string }[], maxMutations: number, n: number, check: (name: string, input: string) => void): void {
  fc.assert(
    fc.property(fc.nat(files.length - 1), fc.array(mutation, { minLength: 1, maxLength: maxMutations }), (index, mutations) => {
      const { name, text } = files[index];
      check(name, mutate(text, mutations));
    }),
    runs(n),
  );
}

describe('parser fuzzing (mutated real manifests)', () => {
  it('has a corpus', () => {
    expect(manifests.length).toBeGreaterThan(50);
    expect(erbTemplates.length).toBeGreaterThan(5);
    expect(eppTemplates.length).toBeGreaterThan(2);
  });

  it('every unmutated manifest of the corpus parses or fails with a location', () => {
    for (const { name, text } of manifests) expectResultOrLocatedError(() => parseManifest(text, name), name, text);
  });

  it('mutated manifests end in an AST or a located syntax error', () => {
    assertOverMutations(manifests, 4, 400, (name, input) => {
      expectResultOrLocatedError(() => parseManifest(input, name), name, input);
    });
  }, 240_000);

  it('random text over the Puppet token alphabet ends in an AST or a located error', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 }), fc.constantFrom(' ', '\n', 'x', '1', "'a'")), { maxLength: 60 }), (parts) => {
        const input = parts.join('');
        expectResultOrLocatedError(() => parseManifest(input, 'random.pp'), 'random.pp', input);
      }),
      runs(400),
    );
  }, 240_000);
});

describe('compiler fuzzing (mutated manifests evaluated)', () => {
  // The evaluator sees what survives the parser: half-broken but syntactically valid code.
  const conformance = manifests.filter(({ name }) => name.startsWith('spec/conformance/') && !name.includes('/modules/'));
  it('mutated conformance manifests compile to a catalog or fail with a located error', () => {
    assertOverMutations(conformance, 2, 200, (name, input) => {
      expectResultOrLocatedError(
        () => compileCatalog({ code: input, modulepath: [join(root, 'spec/conformance/modules')], nodeName: 'node-1.example.com', facts: { osfamily: 'Debian' }, onWarning: () => {} }),
        name,
        input,
      );
    });
  }, 240_000);
});

describe('template fuzzing (mutated real ERB and EPP templates)', () => {
  it('mutated ERB templates parse or fail with a location', () => {
    assertOverMutations(erbTemplates, 4, 300, (name, input) => {
      expectResultOrLocatedError(() => compileTemplate(input, name), name, input);
    });
  }, 240_000);

  it('mutated ERB templates rendered by inline_template() give text or a located error', () => {
    const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    assertOverMutations(erbTemplates, 3, 120, (name, input) => {
      const code = `$port = 8080\n$servers = ['a', 'b']\n$settings = { 'k' => 'v' }\nnotify { 'out': message => inline_template(${quote(input)}) }\n`;
      expectResultOrLocatedError(() => compileCatalog({ code, modulepath: [], nodeName: 'fuzz.example.com', facts: {} }), name, input);
    });
  }, 240_000);

  it('mutated EPP templates parse or fail with a location', () => {
    assertOverMutations(eppTemplates, 4, 300, (name, input) => {
      expectResultOrLocatedError(() => parseEpp(input, name), name, input);
    });
  }, 240_000);
});
