# Containment: classes included from defines and classes, contain in a define, resource-like class in a
# define, and a class included from a class in another run stage joins that stage.
class inner { notify { "inner": } }
class contained { notify { "contained": } }
class viaclass { include inner }
define wrap() { include inner  contain contained  notify { "wrap ${title}": }  wrap2 { "${title}-2": } }
define wrap2() { notify { "wrap2 ${title}": } class { "resourcelike": } }
class resourcelike { notify { "rl": } }
wrap { "a": }
include viaclass
stage { "pre": before => Stage["main"] }
class { "staged": stage => "pre" }
class staged { include staged::child notify { "staged": } }
class staged::child { notify { "staged child": } }
