// Puppet 7's core functions that do not touch the catalog (the catalog ones live in ../catalog).
import './logging.js';
import './sprintf.js';
import './strings.js';
import './collections.js';
import './iteration.js';
import './digest.js';
import './conversions.js';
import './misc.js';
import './grouping.js';
