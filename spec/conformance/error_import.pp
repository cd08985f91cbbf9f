# Must fail: Puppet 3's import is gone in Puppet 7 (site manifests use a directory instead).
import 'nodes/*.pp'
node default {
  include ha::params
}
