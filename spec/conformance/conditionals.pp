# if/elsif/else, unless, the in operator, comparisons and regex matches with captures.
$family = $::osfamily
$cpus = $::processorcount

if $family == 'redhat' {
  $pkg = 'pcs'
} elsif $family == 'Debian' {
  $pkg = 'crmsh'
} else {
  $pkg = 'none'
}

unless $cpus < 2 {
  $big = true
} else {
  $big = false
}

if 'node' in $::hostname and 'pcs' in ['pcs', 'crmsh'] and 'family' in $facts['os'] {
  $inside = 'yes'
}

if $::fqdn =~ /^([a-z]+)-(\d+)\.(.*)$/ {
  $parsed = "${1}|${2}|${3}|${0}"
}

$cmp = [1 < 2, 'a' < 'b', 'B' == 'b', 2 >= 2.0, 'x' != 'X', [1, 2] == [1, 2], { 'a' => 1 } == { 'a' => 1 }]
$not_match = $::hostname !~ /^db/

notify { 'conditionals':
  message => "${pkg} ${big} ${inside} ${parsed} ${cmp} ${not_match}",
}
