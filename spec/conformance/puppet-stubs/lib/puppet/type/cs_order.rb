# Conformance stub: lets Puppet 7 compile manifests that declare cs_order. It only names the
# parameters (papply's golden catalogs need nothing more); it manages nothing.
Puppet::Type.newtype(:cs_order) do
  @doc = 'Stub of a Pacemaker order constraint.'

  newparam(:name, namevar: true)
  newparam(:ensure)
  newparam(:first)
  newparam(:second)
  newparam(:score)
  newparam(:kind)
  newparam(:symmetrical)
  newparam(:cib)
end
