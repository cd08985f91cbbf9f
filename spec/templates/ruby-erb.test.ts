// Snippets rendered by papply and by Ruby's own ERB (trim_mode '-', the mode Puppet uses) with the
// same instance variables: the output must be byte-identical. Skips when ruby is not installed.
import { describe, expect, it } from 'vitest';
import { hasRuby } from '../support/ruby.js';
import { papplyErb, rubyErb } from './erb-oracle.js';

const VARS = {
  name: 'web',
  port: 8080,
  ratio: 0.25,
  big: 1e20,
  enabled: true,
  disabled: false,
  servers: ['a.example', 'b.example', 'c.example'],
  empty: [],
  opts: { maxconn: 100, mode: 'http', retries: '3' },
  nested: { db: { host: 'h1', port: 3306 }, list: [1, [2, 3]] },
  text: '  Hello World  ',
  csv: 'a,b,,c,,',
  nilval: null,
};

export const SNIPPETS: Record<string, string> = {
  plain: 'hello\nworld\n',
  output: 'name=<%= @name %> port=<%= @port %> ratio=<%= @ratio %> big=<%= @big %>\n',
  trim_end: '<% if @enabled -%>\nyes\n<% end -%>\nafter\n',
  trim_start: 'x\n  <%- if @enabled -%>\n  indented\n  <%- end -%>\nend\n',
  trim_start_not_line_start: 'a  <%- if true %>b<% end %>\n',
  no_trim: '<% if @enabled %>\nyes\n<% end %>\nafter\n',
  comment: 'a<%# a comment %>b\n<%# x -%>\nc\n',
  literal: '<%% not a tag %> and <%= "%%>" %>\n',
  each_hash: '<% @opts.each do |k, v| -%>\n  <%= k %> <%= v %>\n<% end -%>\n',
  each_sorted: '<% @opts.sort.each do |k, v| -%>\n<%= k %>=<%= v %>\n<% end -%>\n',
  each_with_index: '<% @servers.each_with_index do |s, i| -%>\nserver<%= i %> <%= s %>\n<% end -%>\n',
  map_join: '<%= @servers.map { |s| "#{s}:#{@port}" }.join(",") %>\n',
  inspect: '<%= @servers %> <%= @opts %> <%= @nested %> <%= [nil, true, 1.5, :sym] %> <%= @nilval %>|\n',
  ternary: '<%= @enabled ? "on" : "off" %> <%= @disabled ? "on" : "off" %>\n',
  unless_else: '<% unless @empty.empty? -%>\nhas\n<% else -%>\nnone\n<% end -%>\n',
  case_when: '<% case @port when 80, 443 -%>\nweb\n<% when 8000..9000 -%>\nalt\n<% else -%>\nother\n<% end -%>\n',
  strings: '<%= @text.strip.upcase %>|<%= @text.downcase %>|<%= "abc".capitalize %>|<%= @csv.split(",").inspect %>|<%= "a b  c".split.inspect %>\n',
  gsub: '<%= "a-b-c".gsub("-", "_") %> <%= "v1.2.3".sub(/^v/, "") %> <%= "key=val".gsub(/(\\w+)=(\\w+)/, \'\\2=\\1\') %>\n',
  regex: '<% if @name =~ /^(w)(e)/ -%>\n<%= $1 %><%= $2 %>\n<% end -%>\n',
  arith: '<%= 7 / 2 %> <%= -7 / 2 %> <%= 7 % 3 %> <%= -7 % 3 %> <%= 7.0 / 2 %> <%= 2 ** 10 %> <%= @port + 1 %> <%= 1.1 + 2.2 %>\n',
  locals: '<% total = 0 -%>\n<% @servers.each do |s| total += s.length end -%>\n<%= total %>\n',
  append: '<% list = [] -%>\n<% @servers.each { |s| list << s.upcase } -%>\n<%= list.join(" ") %>\n',
  modifiers: '<%= "yes" if @enabled %>|<%= "no" unless @enabled %>|\n',
  logic: '<%= @enabled && !@disabled %> <%= @disabled || "fallback" %> <%= (not @enabled) %>\n',
  select_reject: '<%= @servers.select { |s| s.start_with?("a") }.inspect %> <%= @servers.reject { |s| s.end_with?("c.example") }.length %>\n',
  hash_ops: '<%= @opts.keys.sort.join(",") %> <%= @opts["mode"] %> <%= @opts.key?("mode") %> <%= @opts.values.map(&:to_s).sort.inspect %>\n',
  flatten_uniq: '<%= [[1, 2], [2, [3]]].flatten.uniq.inspect %> <%= [nil, 1, nil].compact.inspect %> <%= [3, 1, 2].sort.reverse.inspect %>\n',
  is_a: '<%= @port.is_a?(Integer) %> <%= @opts.is_a?(Hash) %> <%= @servers.kind_of?(Array) %> <%= @name.is_a?(String) %> <%= @ratio.is_a?(Numeric) %>\n',
  array_fn: '<%= Array(@nilval).inspect %> <%= Array(@name).inspect %> <%= [@servers].flatten.size %>\n',
  interp: '<%= "#{@name}-#{@port * 2}-#{[1, 2]}" %> <%= \'#{not}\' %> <%= "tab\\there" %>\n',
  ranges: '<%= (1..3).to_a.inspect %> <%= (1...3).map { |i| i * 2 }.inspect %>\n',
  zip: '<%= @servers.zip([1, 2, 3]).map { |s, i| "#{i}=#{s}" }.join(" ") %>\n',
  nested_dig: '<%= @nested["db"]["host"] %>:<%= @nested.dig("db", "port") %> <%= @nested["list"].flatten.inspect %>\n',
  sort_by: '<%= @opts.sort_by { |k, v| v.to_s }.map { |k, v| k }.join(",") %>\n',
  each_pair_quote: '<% @opts.each_pair do |k, v| -%>\n<% if v.is_a?(String) -%>\n<%= k %>="<%= v %>"\n<% else -%>\n<%= k %>=<%= v %>\n<% end -%>\n<% end -%>\n',
  to_i_to_s: '<%= "42abc".to_i + 1 %> <%= 42.to_s + "!" %> <%= 3.7.to_i %> <%= 10.0 %> <%= 1e-5 %> <%= 123456789.123 %>\n',
  symbols_hash: '<%= { :a => 1, "b" => nil, c: [1] }.inspect %> <%= {}.inspect %> <%= :x.inspect %>\n',
  include: '<%= @servers.include?("b.example") %> <%= @name.include?("e") %> <%= @servers.first %> <%= @servers.last(2).inspect %>\n',
  string_escape_inspect: '<%= ["q\\"uote", "back\\\\slash", "new\\nline"].inspect %>\n',
  multiline_code: '<%\n  a = 1\n  b = 2\n-%>\nsum=<%= a + b %>\n',
  empty_lines_trim: 'a\n<%- if true -%>\n\n<%- end -%>\nb\n',
  format_pct: '<%= "%05.1f|%-4s|%3d" % [3.14159, "ab", 7] %>\n',
  nil_to_s: '[<%= @missing %>][<%= @nilval.to_s.empty? %>][<%= @missing.nil? %>]\n',
  trailing_no_newline: 'end <%= @name -%>',
  json_yaml: "<%= require 'json'; JSON.pretty_generate(@nested) %>\n<%= @opts.to_json %> <%= [1.0, nil, @ratio, :s].to_json %> <%= JSON.generate(@servers) %>\n<%= require 'yaml'; @nested.to_yaml %><%= [].to_yaml %><%= { 'f' => 2.0 }.to_yaml %>",
  case_regex_class: '<% [1, "str", [1], nil, 2.5].each do |v| -%>\n<%= case v when Integer then "int" when String then "str" when Array, Hash then "coll" when nil then "nil" else "other" end %>\n<% end -%>\n',
  chains_and_commands: "<%= @servers\n  .map { |s| s.upcase }\n  .join(',') %> <%= @servers.\n  first %> <%= 'a,b'.split /,/ %> <%= @servers.join ' ' %> <%= 'x'.center 5, '-' %>\n",
  begin_rescue: "<% require 'ipaddr' -%>\n<% ['10.0.0.1', 'fe80::1', 'not-an-ip', '10.0.0.0/24', '10.0.0.300'].each do |a|\n  begin\n    ip = IPAddr.new(a)\n    kind = ip.ipv4? ? 'v4' : 'v6'\n  rescue ArgumentError => e\n    kind = 'invalid'\n  end -%>\n<%= a %> <%= kind %>\n<% end -%>\n<%= begin; 1 / 0; rescue ZeroDivisionError; 'div0'; end %> <%= (@missing.size rescue 'nil-size') %> <%= begin; raise ArgumentError, 'bad'; rescue => e; e.message + ' ' + e.class.to_s; ensure; x = 1; end %>\n",
  quoting_block: "<%= \"it's a 'test'\".gsub(/'/){ %q(\\') } %> <%= if @enabled then ' on' end %>|<%= if @disabled then ' on' end %>|\n",
  assignment_in_condition: "<% if m = @name.match(/^(w)(.*)$/) -%>\n<%= m[1] %>-<%= m[2] %>\n<% end -%>\n<% if ! @disabled and ! @name.match(/x/) -%>\nok\n<% end -%>\n",
  unassigned_locals_are_nil: "<% @servers.each_with_index do |s, i| -%>\n<% suffix = ' first' if i == 0 -%>\n<% label = s.upcase if false -%>\n<%= s %><%= suffix %>[<%= label.inspect %>]\n<% end -%>\n",
  enumerators: "<% [@servers].flatten.each_index do |i| -%>\nnode <%= [@servers].flatten[i] %> id <%= i+1 %>\n<% end -%>\n<%= @servers.each_with_index.map { |s, i| \"#{i}:#{s}\" }.join(',') %> <%= @opts.each_with_index.map { |(k, v), i| \"#{i}#{k}\" }.join %> <%= @servers.find_all { |s| s =~ /^a/ }.inspect %>\n<% @opts.sort.each do |key, val| -%>\n<% next if val == :undef or val.nil? -%>\n<%= key %>  <%= val %>\n<% end -%>\n",
  named_format: "<%= '%{name} listens on %<port>05d (%{name})' % { name: @name, port: @port } %> <%= format('%<r>.2f', r: @ratio) %>\n",
  loops: "<% i = 0 -%>\n<% while i < 3 -%>\nline <%= i %>\n<% i += 1 -%>\n<% end -%>\n<% j = 5; j -= 1 until j < 2 -%>\n<%= j %>\n<% k = 0; while true do k += 1; next if k == 2; break if k > 3; end -%>\n<%= k %>\n",
  string_format: '<%= format("%-8s|%3d|%.2f", @name, @port, @ratio) %> <%= "%s=%s" % ["k", "v"] %> <%= "%05d" % 42 %>\n',
  crlf: 'a\r\n<% if true -%>\r\nb\r\n<% end -%>\r\n',
};

describe.skipIf(!hasRuby())('ERB against Ruby ERB', () => {
  for (const [name, template] of Object.entries(SNIPPETS)) {
    it(name, () => {
      expect(papplyErb(template, VARS)).toBe(rubyErb(template, VARS));
    });
  }
});
