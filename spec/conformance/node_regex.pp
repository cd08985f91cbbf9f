# Node matching: an exact name wins over a regex, which wins over default.
node default {
  notify { 'default node': }
}

node /^node-\d+\.example\.com$/ {
  notify { 'regex node':
    message => "matched ${::fqdn}",
  }
}

node 'node-1.example.com', 'node-1' {
  notify { 'exact node':
    message => "I am ${::hostname}",
  }
}

notify { 'outside any node': }
