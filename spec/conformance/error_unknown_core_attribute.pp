# A core type refuses an attribute it does not have when the compile finishes (Puppet's Resource#validate),
# after collector overrides: here a typo in an override of a service.
class lb::service($manage = true) {
  service { "haproxy": ensure => running, enable => true }
}
include lb::service
Service <| title == "haproxy" |> { hasrestrat => true }
