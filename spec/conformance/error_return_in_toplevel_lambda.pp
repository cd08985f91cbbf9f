# A return() inside a lambda leaves the lambda for the enclosing function; at top level there is none.
$vips = { 'public' => '192.0.2.10', 'internal' => '' }
$addresses = $vips.map |$name, $address| {
  if $address == '' { return(undef) }
  "${name}=${address}"
}
notify { 'vips': message => join($addresses, ',') }
