# Autoloading a module file that holds a statement outside its definitions fails, as in Puppet.
include stray_toplevel
