# next() takes at most one value.
$ports = [80, 443].map |$port| {
  if $port == 443 { next($port, 'tls') }
  $port
}
notify { 'ports': message => "${ports}" }
