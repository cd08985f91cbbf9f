// The cs_* types (puppet-corosync v8.2.0 API) over the CIB patch backend.
import './cs_primitive.js';
import './cs_clone.js';
import './cs_group.js';
import './cs_location.js';
import './cs_colocation.js';
import './cs_order.js';
import './cs_property.js';
import './cs_shadow.js';
