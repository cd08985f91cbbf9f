// Loads every built-in function module; each registers its functions with ./registry.ts.
// One import line per function family.
import './templates.js';
import './catalog/index.js';
import './core/index.js';
import './hiera.js';
import './stdlib/index.js';
