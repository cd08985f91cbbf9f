# Conformance stub: lets Puppet 7 compile manifests that declare anchor. It only names the
# parameters (papply's golden catalogs need nothing more); it manages nothing.
Puppet::Type.newtype(:anchor) do
  @doc = 'Stub of an ordering anchor.'

  newparam(:name, namevar: true)
end
