# Conformance stub: lets Puppet 7 compile manifests that declare cs_rsc_defaults. It only names the
# parameters (papply's golden catalogs need nothing more); it manages nothing.
Puppet::Type.newtype(:cs_rsc_defaults) do
  @doc = 'Stub of a Pacemaker resource default.'

  newparam(:name, namevar: true)
  newparam(:ensure)
  newparam(:value)
  newparam(:cib)
end
