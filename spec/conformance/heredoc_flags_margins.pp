# Heredocs: two on one line, /L line joins, $ escapes, /n /t /u escapes, margins and -trim.
$svc = 'haproxy'
notify { 'two': message => [@(A), @(B)] }
  first ${svc}
  | A
  second
  |-B
$cfg = @("CFG"/L$)
    global
      maxconn 4096 \
      extra
    listen ${svc}
      bind *:80 # cost \$5
    |- CFG
notify { 'cfg': message => $cfg }
$json = @("JSON"/n)
  {"key": "line\nbreak ${svc}"}
  | JSON
notify { 'json': message => $json }
$raw = @(RAW/t)
	tab\tkept	literal ${svc}
	RAW
notify { 'raw': message => $raw }
$u = @("U"/u)
  \u00e9 and ${svc.upcase}
  -U
notify { 'u': message => $u }
