# What classes, defines and nodes see: top/node/class variables, shadowing, qualified reads of evaluated
# and unevaluated classes; resource defaults declared after a resource in the same scope apply to it.
$top = 'top-value'
$shadow = 'top-shadow'
class scoped::inc { notify { "inc sees [${top}] [${nodevar}] [${classvar}] [${shadow}] [${::shadow}]": } }
class scoped::outer {
  $classvar = 'outer-class'
  $shadow = 'outer-shadow'
  include scoped::inc
  scoped::def { 'from-outer': }
  notify { "outer sees [${shadow}] [${::shadow}] [${scoped::outer::classvar}]": }
}
define scoped::def() {
  notify { "def ${title} sees [${top}] [${nodevar}] [${classvar}] [${shadow}]": }
  File { mode => '0700' }
  file { "/tmp/${title}": }
}
class scoped::late { notify { "late reads [${scoped::outer::classvar}] [${scoped::never::x}]": } }
node default {
  $nodevar = 'node-value'
  $shadow = 'node-shadow'
  File { owner => 'nodeowner' }
  include scoped::outer
  scoped::def { 'from-node': }
  include scoped::late
  file { '/tmp/before-default': }
  File { group => 'latergroup' }
  file { '/tmp/after-default': }
  notify { "node sees [${shadow}] [${::shadow}] [${top}]": }
}
class scoped::never { $x = 1 }
