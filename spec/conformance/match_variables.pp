# Match variables ($0..$n) and Puppet's ephemeral scopes: if/unless/case/selector forget their matches
# when they end, statement-level matches last for the scope, lambdas see the enclosing match, a class
# sees its includer's, a function body none; case/selector/in match as CompareOperator#match does,
# with Ruby regexp syntax (\A, \z, \Z, \h, POSIX classes, inline (?i), (?m), (?x)).
$host = 'db-03.example.com'
if $host =~ /^(\w+)-(\d+)/ { notify { "a1 ${1} ${2} ${0}": } } else { notify { "a1 else ${1}": } }
notify { "a2 after if [${1}] [${0}]": }
if $host =~ /^nomatch(.)/ { notify { "b1 ${1}": } } elsif $host =~ /\.(\w+)\.(\w+)$/ { notify { "b2 ${1} ${2}": } } else { notify { "b3": } }
notify { "b4 after [${1}]": }
$host =~ /^(d)(b)/
notify { "c1 statement-level [${1}${2}]": }
if $host =~ /(example)/ { notify { "c2 [${1}] [${2}]": } }
notify { "c3 restored [${1}${2}]": }
if 'xyz' =~ /(q)/ { } else { notify { "c4 failed match keeps [${1}]": } }
unless $host =~ /^(zzz)/ { notify { "d1 unless [${1}]": } }
unless $host =~ /^(db)/ { } else { notify { "d2 unless else [${1}]": } }
notify { "d3 [${1}]": }
case $host {
  /^(web)-(\d+)/: { notify { "e1 web ${1}": } }
  'x', /^(db)-(\d+)/: { notify { "e2 db ${1} ${2} ${0}": } }
  default: { notify { "e3": } }
}
notify { "e4 after case [${1}]": }
$role = $host ? { /^(\w+)-0*(\d+)/ => "${1}${2}", default => 'none' }
notify { "f1 selector ${role} after [${1}]": }
$arr = ['web-1', 'db-2', 'lb-3'].map |$h| { if $h =~ /^(\w+)-/ { $1 } else { 'none' } }
notify { "g1 ${arr} [${1}]": }
$arr2 = ['web-1', 'db-2'].map |$h| { $h =~ /-(\d)/ "${1}/${0}" }
notify { "g2 ${arr2} [${1}]": }
$arr3 = ['q', 'r'].map |$h| { "${1}" }
notify { "g3 lambda sees outer ${arr3}": }
if $host =~ /^(?<kind>\w+)-(?<num>\d+)/ { notify { "h1 named ${1} ${2}": } }
if 'AbC' =~ /(?i:abc)/ { notify { "h2 ${0}": } }
if "line1\nline2" =~ /^line2$/ { notify { "h3 multiline anchors": } }
if $host =~ /^(db)-(\d+)(-x)?/ { notify { "h4 [${3}] [${5}]": } }
$s = case $host { /^(db)/: { "case value ${1}" } default: { 'none' } }
notify { "i1 ${s}": }
if $host =~ /^(db)/ and $host =~ /(example)/ { notify { "j1 and [${1}]": } }
if $host =~ /^(nomatch)/ or $host =~ /(com)$/ { notify { "j2 or [${1}]": } }
if $host !~ /^(db)/ { } else { notify { "j3 not match [${1}]": } }
if [$host, 'x'] =~ Array { notify { "j4 type match [${1}]": } }
class matchvars::role { notify { "k1 class sees top [${1}]": } }
if $host =~ /^(db)/ { include matchvars::role }
define matchvars::member() { notify { "k2 define sees [${1}] ${title}": } }
if $host =~ /^(db)/ { matchvars::member { 'x': } }
$h = 'Node-07.Cluster.local'
if /(ode)-(\d+)/ in $h { notify { "a1 in-string ${1} ${2}": } }
if /^(web|db)(\d)/ in ['x', 'web1', 'db2'] { notify { "a2 in-array ${1}${2}": } }
if 'web' in [/^w(e)/, 'q'] { notify { "a3 needle string in regex array [${1}]": } }
if 'Web' in ['web'] { notify { "a4 in case-insensitive": } }
if 'x' in [String] { notify { "a5 type in array": } }
if 3 in '3' { notify { "a6 number in string": } }
case 'ABC' { 'abc': { notify { "b1 case-insensitive case": } } default: {} }
case [1, 'x'] { [1, default]: { notify { "b2 array with default": } } default: {} }
case {a => 'web-1', b => 2} { {a => /^(\w+)-(\d)/}: { notify { "b3 hash option ${1} ${2}": } } default: { notify { 'b3 no': } } }
case 5 { Integer[1,3]: { notify { 'b4 small': } } Integer[4,9]: { notify { 'b4 medium': } } }
case '5' { 5: { notify { 'b5 string five equals number': } } default: { notify { 'b5 not equal': } } }
$d = default
case 'zzz' { $d: { notify { 'b6 default via variable': } } }
$sel = 'db-9' ? { /^(\w+)-(\d)$/ => "${2}${1}" }
notify { "b7 ${sel}": }
$sel2 = 'x' ? { ['y', 'x'] => 'array-entry', default => 'no' }
notify { "b8 ${sel2}": }
if $h =~ /\Anode/ { notify { 'c1 \A case sensitive': } } else { notify { 'c1 no': } }
if $h =~ /(?i)\Anode-(\d+)\.([[:alpha:]]+)/ { notify { "c2 ${1} ${2}": } }
if "abc\n" =~ /c$/ { notify { 'c3 $ before newline': } }
if "abc\n" =~ /c\z/ { notify { 'c4 yes': } } else { notify { 'c4 \z no': } }
if "abc\n" =~ /c\Z/ { notify { 'c5 \Z yes': } }
if "a.b" =~ /\h/ { notify { 'c6 hex digit': } }
if "x1\ny2" =~ /(?m)x.\ny/ { notify { 'c8 m flag': } }
if 'foo bar' =~ /(?x) foo \s bar /  { notify { 'c9 extended': } }
$m = $h.match(/(\d+)\.(\w+)/)
notify { "d1 match fn ${m} [${1}]": }
$r = regsubst($h, '^(\w+)-(\d+)', '\2_\1')
notify { "d2 ${r}": }
$r2 = regsubst('a.b.c', '\.', '-', 'G')
notify { "d3 ${r2}": }
function matchvars::digits($s) { if $s =~ /(\d+)/ { "fn ${1}" } else { "fn none ${1}" } }
if 'q-5' =~ /(q)/ { notify { "d4 ${matchvars::digits('z7')} ${matchvars::digits('z')} [${1}]": } }
define matchvars::initial($v) { $v =~ /^(.)/ notify { "d5 define ${1} ${title}": } }
matchvars::initial { 'one': v => 'Alpha' }
$parts = [['a-1'], ['b-2']].map |$x| { $x[0] =~ /-(\d)/ $x.map |$y| { "${1}" } }
notify { "d6 ${parts}": }
notify { "d7 ${0} ${1}": }
if 'aaa' =~ /(b)?(a)/ { notify { "d8 [${1}] [${2}]": } }
unless 'abc' =~ /(x)/ { notify { "d9 [${1}]": } }
