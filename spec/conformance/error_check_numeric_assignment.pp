# Match variables are set by matches only.
$hostname = 'controller-2'
if $hostname =~ /-(\d+)$/ {
  $1 = 'first'
}
