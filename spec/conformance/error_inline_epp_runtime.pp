# Must fail: an error while rendering an inline template is placed in the template's text.
$backends = { 'node-1' => '192.0.2.11', 'node-2' => '192.0.2.12' }
$servers = inline_epp(@(EPP))
  <% $backends.each |$name, $address| { -%>
  server <%= $name %> <%= $address %>:8080 check inter <%= $backends['node-1'][0, 1, 2] %>
  <% } -%>
  | EPP
notify { 'servers': message => $servers }
