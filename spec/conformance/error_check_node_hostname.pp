# Must fail: a node name may hold only letters, digits, '_', '-' and '.'.
node 'controller-1.example.com', 'controller-2.example.com:8140' {
  include ha::params
}
node default {
  notify { 'unclassified': }
}
