// Extra options of `papply apply` declared next to the providers that use them (`--cib-file`,
// `--nodes` ...). Register at module load (the CLI imports every provider module before it
// builds the command); providers read the parsed values from `context.options.<camelCaseName>`.

export interface ApplyOptionDefinition {
  /** Commander flags: `--cib-file <file>`, `--nodes <list>`, `--no-wait`. */
  flags: string;
  description: string;
  defaultValue?: unknown;
  /** Converts the option's text (e.g. split a comma list). */
  parse?: (value: string, previous: unknown) => unknown;
}

const definitions: ApplyOptionDefinition[] = [];

export function registerApplyOption(definition: ApplyOptionDefinition): void {
  if (definitions.some((existing) => existing.flags === definition.flags)) return;
  definitions.push(definition);
}

export function applyOptionDefinitions(): readonly ApplyOptionDefinition[] {
  return definitions;
}
