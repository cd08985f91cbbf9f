// HAProxy conf.d sections (haproxy_fragment) and their directory (haproxy_conf_dir, purge).
import './fragment.js';
import './conf-dir.js';
