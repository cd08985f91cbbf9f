// The core types (Puppet's built-ins papply implements).
import './notify.js';
import './exec.js';
import './file.js';
import './package.js';
import './service.js';
import './concat.js';
import './anchor.js';
