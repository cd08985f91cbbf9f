# Must fail: an alias takes the name; a later resource with that title is a duplicate.
package { 'pacemaker-cli-utils':
  ensure => installed,
  alias  => 'crm-tools',
}
package { 'crm-tools':
  ensure => installed,
}
