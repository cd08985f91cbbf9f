# Conformance stub: lets Puppet 7 compile manifests that declare cs_primitive. It only names the
# parameters (papply's golden catalogs need nothing more); it manages nothing.
Puppet::Type.newtype(:cs_primitive) do
  @doc = 'Stub of a Pacemaker primitive.'

  newparam(:name, namevar: true)
  newparam(:ensure)
  newparam(:primitive_class)
  newparam(:primitive_type)
  newparam(:provided_by)
  newparam(:parameters)
  newparam(:operations)
  newparam(:metadata)
  newparam(:ms_metadata)
  newparam(:promotable)
  newparam(:utilization)
  newparam(:unmanaged_metadata)
  newparam(:cib)
end
