# Must fail: a heredoc tagged base64 must hold strict Base64 (the authkey has a stray character).
$pacemaker_authkey = @(KEY:base64)
  c2VjcmV0LWNsdXN0ZXIta2V5!
  | KEY
file { '/etc/pacemaker/authkey':
  ensure  => file,
  mode    => '0400',
  content => $pacemaker_authkey,
}
