# Bench stub: lets `puppet apply --noop` run catalogs whose services use provider => pacemaker
# (Puppet 7 has no such provider and would abort). Status is answered without running anything,
# so Puppet's time is spent in Puppet, not in probing the machine.
Puppet::Type.type(:service).provide(:pacemaker) do
  desc 'papply bench stub of the pacemaker service provider'

  def status
    :stopped
  end

  def start; end

  def stop; end

  def enabled?
    :true
  end

  def enable; end

  def disable; end
end
