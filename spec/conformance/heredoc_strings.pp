# Heredocs with interpolation, margins, trimming and escapes; single- and double-quoted escapes.
$cluster = 'prod'
$members = ['a', 'b']

$conf = @("CONF"/L)
  totem {
    cluster_name: ${cluster}
    members: ${members.length} \
  nodes
  }
  | CONF

$raw = @(RAW)
    literal ${cluster} \n stays
    RAW

$trimmed = @("END")
  line one
  - line two
  |- END

file { '/etc/example.conf':
  content => $conf,
}

notify { 'raw': message => $raw }
notify { 'trimmed': message => $trimmed }
notify { 'escapes':
  message => "tab:\t dollar:\$ quote:\" unicode:\u00e9 brace:${cluster}s ${members[1]} ${::os['family']}",
}
notify { 'single': message => 'it\'s a \n literal \\ backslash' }
