// Importing this module registers every type and provider papply has. Add one line per module.
import './core/index.js';
import './pacemaker/cs.js';
import './pacemaker/service.js';
import './haproxy/index.js';
