// The puppetlabs-stdlib functions papply provides (written for papply; same behaviour).
import './collections.js';
import './conversions.js';
import './paths.js';
import './predicates.js';
import './range.js';
