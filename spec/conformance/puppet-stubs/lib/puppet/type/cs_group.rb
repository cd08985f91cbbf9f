# Conformance stub: lets Puppet 7 compile manifests that declare cs_group. It only names the
# parameters (papply's golden catalogs need nothing more); it manages nothing.
Puppet::Type.newtype(:cs_group) do
  @doc = 'Stub of a Pacemaker group.'

  newparam(:name, namevar: true)
  newparam(:ensure)
  newparam(:primitives)
  newparam(:cib)
end
