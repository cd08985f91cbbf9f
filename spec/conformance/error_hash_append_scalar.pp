# Must fail: '+' merges a Hash with a Hash (or an Array of pairs), not with a single value.
$base_options = { 'maxconn' => 4096 }
$options = $base_options + 'nbthread'
notify { 'haproxy options': message => $options }
