# regsubst() on an unset value.
notify { "fqdn": message => regsubst($facts["nosuch"], "\\.example\\.com$", "") }
