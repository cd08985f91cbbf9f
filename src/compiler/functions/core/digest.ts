// Digest functions: sha1, md5, sha256 (hex digests of a string, as Puppet's).

import { createHash } from 'node:crypto';
import { registerFunction } from '../registry.js';
import { checkArity, checkParam, type } from './signature.js';

for (const [name, algorithm] of [['sha1', 'sha1'], ['md5', 'md5'], ['sha256', 'sha256']] as const) {
  registerFunction(name, (_ctx, args) => {
    checkArity(name, args, 1);
    checkParam(name, 'str', type('String'), args[0]);
    return createHash(algorithm).update(args[0] as string, 'utf8').digest('hex');
  });
}
