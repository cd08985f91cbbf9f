# Where classes land in the containment graph: include, require, contain and resource-like
# declarations from classes, defines and node scope; defines inside defines.
class leaf_a { notify { 'leaf a': } }
class leaf_b { notify { 'leaf b': } }
class leaf_c { notify { 'leaf c': } }
class leaf_d ($level = 1) { notify { "leaf d ${level}": } }
class leaf_e { notify { 'leaf e': } }

define container::instance {
  include leaf_a
  contain leaf_e
  container::inner { "${title}-inner": }
}
define container::inner {
  notify { "inner ${title}": }
}
class wrapper {
  include leaf_b
  contain leaf_c
  class { 'leaf_d': level => 2 }
  container::instance { 'one': }
}
node default {
  include wrapper
  notify { 'node level': }
}
