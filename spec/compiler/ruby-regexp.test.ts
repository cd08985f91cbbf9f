// Ruby regexp syntax translated to JavaScript (values.ts): anchors, inline options, classes.
import { describe, expect, it } from 'vitest';
import { PRegexp, rubyRegExp } from '../../src/compiler/values.js';

describe('Ruby regexps in JavaScript', () => {
  it.each<[string, string, boolean]>([
    ['(?i:redhat|centos)', 'RedHat', true],
    ['(?i:redhat|centos)x', 'REDHATX', false],
    ['^node-\\d+\\.example\\.com$', 'node-1.example.com', true],
    ['\\Aab\\z', 'ab', true],
    ['\\Aab\\z', 'x\nab', false],
    ['^ab$', 'x\nab', true],
    ['[[:alpha:]]+$', '12abc', true],
    ['^[[:digit:]]+$', '12a', false],
    ['(?i)abc', 'ABC', true],
    ['[a-c]+(?i:x)', 'abX', true],
    ['(?i:[a-c]+)', 'ABC', true],
    ['(?m:a.b)', 'a\nb', true],
    ['a.b', 'a\nb', false],
    ['^\\h+$', 'ff09', true],
    ['(?<n>a)\\k<n>', 'aa', true],
    ['(?x: a b # comment\n )', 'ab', true],
    ['x\\Z', 'x\n', true],
    ['\\/etc\\/', '/etc/', true],
  ])('/%s/ on %j', (source, text, matches) => {
    expect(rubyRegExp(source).test(text)).toBe(matches);
  });

  it('gives PRegexp Ruby line anchors', () => {
    expect(new PRegexp('^b').regexp.test('a\nb')).toBe(true);
  });
});
