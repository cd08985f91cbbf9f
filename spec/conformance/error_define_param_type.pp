# Must fail: a typed define parameter given the wrong element type.
define ha::bad_ports (Array[Integer[1, 65535]] $ports) {
  notify { "${title} ${ports}": }
}
ha::bad_ports { 'web':
  ports => [80, '443', 70000],
}
