# Double-quoted escapes and heredoc flags.
notify { 'escapes':
  message => "a\\b \"q\" \'s\' \$v \s x\ty\u00e9\u{1F600}",
}
notify { 'single': message => 'a\\b \'q\' \n \$v' }
$user = 'hacluster'
$doc = @("EOT"/tn$)
  user:\t${user}
  cost: \$5
  dollar: $
  | EOT
$json = @(JSON:json)
  { "cluster": "prod" }
  | JSON
$trim = @("TRIM")
      indented more
    indented less
    - last line
    |- TRIM
notify { 'heredocs': message => [$doc, $json, $trim] }
