# A conversion to a parameterized type whose result does not fit: Puppet's "Converted value" wording.
$backlog = "70000"
notify { "somaxconn": message => Integer[1, 65535]($backlog) }
