# Conformance stub: lets Puppet 7 compile manifests that declare cs_property. It only names the
# parameters (papply's golden catalogs need nothing more); it manages nothing.
Puppet::Type.newtype(:cs_property) do
  @doc = 'Stub of a Pacemaker cluster property.'

  newparam(:name, namevar: true)
  newparam(:ensure)
  newparam(:value)
  newparam(:replace)
  newparam(:cib)
end
