# Conformance stub: lets Puppet 7 compile manifests that declare cs_colocation. It only names the
# parameters (papply's golden catalogs need nothing more); it manages nothing.
Puppet::Type.newtype(:cs_colocation) do
  @doc = 'Stub of a Pacemaker colocation constraint.'

  newparam(:name, namevar: true)
  newparam(:ensure)
  newparam(:primitives)
  newparam(:score)
  newparam(:cib)
end
