# Conformance stub: lets Puppet 7 compile manifests that declare cs_location. It only names the
# parameters (papply's golden catalogs need nothing more); it manages nothing.
Puppet::Type.newtype(:cs_location) do
  @doc = 'Stub of a Pacemaker location constraint.'

  newparam(:name, namevar: true)
  newparam(:ensure)
  newparam(:primitive)
  newparam(:node_name)
  newparam(:score)
  newparam(:rules)
  newparam(:resource_discovery)
  newparam(:cib)
end
