# A module file with a statement outside its class: Puppet refuses it when autoloading.
class stray_toplevel ($port = 8080) {
  notify { "listening on ${port}": }
}

notify { 'stray': message => 'outside any definition' }
