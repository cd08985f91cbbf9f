# $name is built in at top scope too: assigning it is refused with Puppet's wording.
$name = "haproxy"
notify { "svc": message => $name }
