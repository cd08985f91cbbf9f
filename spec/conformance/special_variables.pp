# Special variables: $name/$title in classes and defines, $module_name, $caller_module_name.
include ha::params
class plain_class {
  notify { 'class vars': message => [$name, $title, $module_name] }
}
include plain_class
define special::thing {
  notify { "define vars ${title}": message => [$name, $title, $module_name, $caller_module_name] }
}
special::thing { 'x': }
notify { 'module vars': message => [$ha::params::cluster_name, $module_name, $name] }
