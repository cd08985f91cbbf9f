# No node definition matches this host, so default applies.
node 'db-1.example.com' {
  notify { 'db': }
}
node /^web-/ {
  notify { 'web': }
}
node default {
  notify { 'fallback': message => "on ${::fqdn}" }
}
