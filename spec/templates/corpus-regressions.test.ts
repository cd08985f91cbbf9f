// Ruby constructs found in real modules' ERB templates that papply once rejected (see
// scripts/corpus-check.js for the manifest side). Each snippet is our own, rendered by papply and by
// Ruby's ERB (trim_mode '-', as Puppet) with the same variables: output must be byte-identical.
import { describe, expect, it } from 'vitest';
import { hasRuby } from '../support/ruby.js';
import { papplyErb, rubyErb } from './erb-oracle.js';

const VARS = { weights: [3, 4, 5], hosts: ['alpha', 'beta'], limits: { nofile: 1024, nproc: 64 }, flag: true };

const SNIPPETS: Record<string, string> = {
  operator_symbols: '<%= @weights.inject(:+) %> <%= @weights.reduce(10, :*) %> <%= @weights.inject { |a, b| a - b } %> <%= @hosts.inject(:+) %> <%= [[1], [2]].inject(:+).inspect %>\n',
  operator_symbol_block_pass: '<%= @weights.map(&:-@).inspect %> <%= [:+, :<=>, :[]].inspect %>\n',
  ternary_with_tight_colon: '<%= @flag ? 1 :-1 %> <%= @flag ? :on : :off %>\n',
  map_with_index: '<%= @hosts.map.with_index(1) { |h, i| "#{i}=#{h}" }.join(",") %> <%= @hosts.each.with_index { |h, i| } .inspect %> <%= @hosts.select.with_index { |h, i| i > 0 }.inspect %>\n',
  hash_each_pair_without_block: '<%= @limits.each_pair.map { |k, v| "#{k}:#{v}" }.join(" ") %> <%= @limits.each.with_index.map { |(k, v), i| "#{i}#{k}" }.join %>\n',
  hash_each_with_index_lines: '<% @limits.each_pair.with_index do |(k, v), i| -%>\n<%= i %> <%= k %> <%= v %>\n<% end -%>\n',
};

describe.skipIf(!hasRuby())('ERB constructs from real templates, against Ruby ERB', () => {
  for (const [name, template] of Object.entries(SNIPPETS)) {
    it(name, () => {
      expect(papplyErb(template, VARS)).toBe(rubyErb(template, VARS));
    });
  }
});
