# A class inheriting a params class that does not exist: Puppet names the child's definition.
class lb::config inherits lb::paramz {
  notify { "config": }
}
include lb::config
