// template() and inline_template(): ERB rendered in the calling scope (see ../templates).

import { PapplyError } from '../../errors.js';
import { renderErb, renderErbFile } from '../templates/index.js';
import { registerFunction, type CallContext } from './registry.js';
import type { Value } from '../values.js';

function stringArguments(name: string, ctx: CallContext, args: Value[]): string[] {
  if (args.length === 0) throw new PapplyError(`'${name}' expects at least 1 argument, got none`, ctx.loc);
  return args.map((arg) => {
    if (typeof arg !== 'string') throw new PapplyError(`'${name}' expects String arguments`, ctx.loc);
    return arg;
  });
}

// Several templates are rendered in order and concatenated, as Puppet does.
registerFunction('template', (ctx, args) =>
  stringArguments('template', ctx, args)
    .map((reference) => {
      const path = ctx.resolveModuleFile('templates', reference);
      if (!path) throw new PapplyError(`Could not find template '${reference}'`, ctx.loc);
      return renderErbFile(path, ctx, reference);
    })
    .join(''),
);

registerFunction('inline_template', (ctx, args) =>
  stringArguments('inline_template', ctx, args)
    .map((source) => renderErb(source, `inline_template at ${ctx.loc.file}:${ctx.loc.line}`, ctx))
    .join(''),
);
