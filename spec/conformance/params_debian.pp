# The same params class on Debian facts: the $::osfamily case picks the other branch.
include ha

notify { 'packages':
  message => join($ha::package_names, ','),
}
