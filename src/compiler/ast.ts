// The Puppet language AST produced by grammar/puppet.peggy and consumed by the evaluator.
// Every node carries its source location. Node kinds follow Puppet's pops model closely so that
// evaluator functions can mirror Puppet's (one function per kind).

import type { SourceLocation } from '../errors.js';

export type Loc = SourceLocation;

interface NodeBase {
  loc: Loc;
}

// ---------------------------------------------------------------- program and blocks

export interface Program extends NodeBase {
  kind: 'Program';
  body: Expression[];
  /** Definitions (class, define, node, function, type alias) found anywhere in the file, in order. */
  definitions: Definition[];
  /** What Puppet's validator only warns about (a hash key given twice ...). */
  warnings?: { message: string; loc: Loc }[];
}

export interface Block extends NodeBase {
  kind: 'Block';
  body: Expression[];
}

// ---------------------------------------------------------------- literals

export interface StringLiteral extends NodeBase {
  kind: 'String';
  value: string;
  /** A heredoc's syntax tag (`@(END:json)`) and where its text starts: Puppet checks such text. */
  syntax?: HeredocSyntax;
}

/** A double-quoted string or heredoc with interpolation: literal text and embedded expressions. */
export interface InterpolatedString extends NodeBase {
  kind: 'Interpolated';
  parts: (StringLiteral | Expression)[];
  syntax?: HeredocSyntax;
}

export interface HeredocSyntax {
  name: string;
  textLoc: Loc;
}

export interface NumberLiteral extends NodeBase {
  kind: 'Number';
  value: number;
  isFloat: boolean;
  /** As written (`0x1F`, `017`, `1.5e3`). */
  raw: string;
}

export interface BooleanLiteral extends NodeBase {
  kind: 'Boolean';
  value: boolean;
}

export interface UndefLiteral extends NodeBase {
  kind: 'Undef';
}

export interface DefaultLiteral extends NodeBase {
  kind: 'Default';
}

export interface RegexLiteral extends NodeBase {
  kind: 'Regex';
  /** The text between the slashes, with `\/` unescaped. */
  pattern: string;
}

export interface ArrayLiteral extends NodeBase {
  kind: 'Array';
  elements: Expression[];
}

export interface HashEntry extends NodeBase {
  kind: 'HashEntry';
  key: Expression;
  value: Expression;
}

export interface HashLiteral extends NodeBase {
  kind: 'Hash';
  entries: HashEntry[];
}

/** A bare word: `foo`, `foo::bar`, `::foo` (a name used as a string, class or function name). */
export interface QualifiedName extends NodeBase {
  kind: 'QualifiedName';
  name: string;
}

/** A capitalised name: `File`, `String`, `Foo::Bar` — a type or resource type reference. */
export interface TypeReference extends NodeBase {
  kind: 'TypeReference';
  name: string;
}

/** `$x`, `$::x`, `$a::b::x`, `$0`..`$9` (name without the `$`). */
export interface Variable extends NodeBase {
  kind: 'Variable';
  name: string;
}

// ---------------------------------------------------------------- operators

/** `$h['a']`, `Hash[String, Integer]`, `File['/x']`, `$a[1, 2]`. */
export interface AccessExpression extends NodeBase {
  kind: 'Access';
  target: Expression;
  keys: Expression[];
}

export interface NotExpression extends NodeBase {
  kind: 'Not';
  operand: Expression;
}

export interface NegateExpression extends NodeBase {
  kind: 'Negate';
  operand: Expression;
}

/** Unary `*$x` (unfold an array into arguments / case options). */
export interface UnfoldExpression extends NodeBase {
  kind: 'Unfold';
  operand: Expression;
}

export interface ArithmeticExpression extends NodeBase {
  kind: 'Arithmetic';
  op: '+' | '-' | '*' | '/' | '%' | '<<' | '>>';
  left: Expression;
  right: Expression;
  /** The operator's place (Puppet reports an Integer overflow there). */
  opLoc?: Loc;
}

export interface ComparisonExpression extends NodeBase {
  kind: 'Comparison';
  op: '==' | '!=' | '<' | '>' | '<=' | '>=';
  left: Expression;
  right: Expression;
  /** The operator's place, where Puppet reports a comparison that is not possible. */
  opLoc?: Loc;
}

export interface MatchExpression extends NodeBase {
  kind: 'Match';
  op: '=~' | '!~';
  left: Expression;
  right: Expression;
}

export interface InExpression extends NodeBase {
  kind: 'In';
  left: Expression;
  right: Expression;
}

export interface AndExpression extends NodeBase {
  kind: 'And';
  left: Expression;
  right: Expression;
}

export interface OrExpression extends NodeBase {
  kind: 'Or';
  left: Expression;
  right: Expression;
}

/** `$x = v`, `[$a, $b] = [1, 2]`. */
export interface AssignmentExpression extends NodeBase {
  kind: 'Assignment';
  target: Variable | ArrayLiteral;
  value: Expression;
}

/** `$a -> $b`, `File['x'] ~> Service['y']`; chains are left-associative. */
export interface RelationshipExpression extends NodeBase {
  kind: 'Relationship';
  op: '->' | '~>' | '<-' | '<~';
  left: Expression;
  right: Expression;
  /** The operator's place: Puppet reports a relationship there. */
  opLoc?: Loc;
}

/** `(expr)`: kept so the evaluator can tell `foo (1)` from `foo(1)` where it matters. */
export interface ParenthesizedExpression extends NodeBase {
  kind: 'Parenthesized';
  expression: Expression;
}

// ---------------------------------------------------------------- conditionals

export interface SelectorEntry extends NodeBase {
  kind: 'SelectorEntry';
  match: Expression;
  value: Expression;
}

export interface SelectorExpression extends NodeBase {
  kind: 'Selector';
  subject: Expression;
  entries: SelectorEntry[];
}

export interface IfExpression extends NodeBase {
  kind: 'If';
  test: Expression;
  then: Block;
  /** `else` block, or a nested If for `elsif`. */
  else?: Block | IfExpression;
}

export interface UnlessExpression extends NodeBase {
  kind: 'Unless';
  test: Expression;
  then: Block;
  else?: Block;
}

export interface CaseOption extends NodeBase {
  kind: 'CaseOption';
  values: Expression[];
  body: Block;
}

export interface CaseExpression extends NodeBase {
  kind: 'Case';
  subject: Expression;
  options: CaseOption[];
}

// ---------------------------------------------------------------- calls and lambdas

export interface Parameter extends NodeBase {
  kind: 'Parameter';
  name: string;
  type?: Expression;
  value?: Expression;
  /** `*$rest` captures the remaining arguments. */
  capturesRest: boolean;
}

export interface LambdaExpression extends NodeBase {
  kind: 'Lambda';
  params: Parameter[];
  returnType?: Expression;
  body: Block;
}

/**
 * `foo(1, 2)`, `foo 1, 2` (statement-style call without parentheses: include, require, notice ...),
 * `foo(1) |$x| { }`. `name` is as written (lowercase, may be qualified `mymod::fn`).
 */
export interface CallFunctionExpression extends NodeBase {
  kind: 'CallFunction';
  name: string;
  args: Expression[];
  block?: LambdaExpression;
  /** False for the parenthesis-less statement form. */
  parenthesized: boolean;
}

/** `$x.each |$v| { }`, `$s.split(',')`, `$x.length`. */
export interface CallMethodExpression extends NodeBase {
  kind: 'CallMethod';
  receiver: Expression;
  name: string;
  args: Expression[];
  block?: LambdaExpression;
  /** Where Puppet places the call in errors: its '(' when it has arguments in parentheses, else its '.'. */
  callLoc?: Loc;
}

// ---------------------------------------------------------------- resources

export interface AttributeOperation extends NodeBase {
  kind: 'AttributeOperation';
  name: string;
  op: '=>' | '+>';
  value: Expression;
}

/** `* => $hash`. */
export interface AttributesSplat extends NodeBase {
  kind: 'AttributesSplat';
  value: Expression;
}

export type AttributeOp = AttributeOperation | AttributesSplat;

export interface ResourceBody extends NodeBase {
  kind: 'ResourceBody';
  title: Expression;
  operations: AttributeOp[];
}

/** `file { 'x': ... ; 'y': ... }`, `@user { }`, `@@sshkey { }`, `class { 'foo': }`. */
export interface ResourceExpression extends NodeBase {
  kind: 'Resource';
  form: 'regular' | 'virtual' | 'exported';
  /** QualifiedName (`file`, `foo::bar`, `class`), or an expression giving a type. */
  type: Expression;
  bodies: ResourceBody[];
}

/** `File { mode => '0644' }`. */
export interface ResourceDefaultsExpression extends NodeBase {
  kind: 'ResourceDefaults';
  form: 'regular' | 'virtual' | 'exported';
  type: TypeReference | AccessExpression;
  operations: AttributeOp[];
}

/** `File['/x'] { content => ... }`, `Service['a', 'b'] { ... }`, `$ref { ... }`. */
export interface ResourceOverrideExpression extends NodeBase {
  kind: 'ResourceOverride';
  form: 'regular' | 'virtual' | 'exported';
  resources: Expression;
  operations: AttributeOp[];
}

/** `<| query |>` (virtual) or `<<| query |>>` (exported); query absent = all. */
export interface CollectQuery extends NodeBase {
  kind: 'CollectQuery';
  form: 'virtual' | 'exported';
  query?: Expression;
}

/** `Service <| title == 'x' |> { provider => pacemaker }`. */
export interface CollectExpression extends NodeBase {
  kind: 'Collect';
  type: TypeReference;
  query: CollectQuery;
  operations: AttributeOp[];
}

// ---------------------------------------------------------------- definitions

export interface HostClassDefinition extends NodeBase {
  kind: 'HostClass';
  name: string;
  params: Parameter[];
  parent?: string;
  body: Block;
}

export interface ResourceTypeDefinition extends NodeBase {
  kind: 'Define';
  name: string;
  params: Parameter[];
  body: Block;
}

export interface NodeDefinition extends NodeBase {
  kind: 'Node';
  /** String / QualifiedName / Regex / Default literals (dotted bare names become Strings). */
  matches: Expression[];
  parent?: Expression;
  body: Block;
}

export interface FunctionDefinition extends NodeBase {
  kind: 'FunctionDefinition';
  name: string;
  params: Parameter[];
  returnType?: Expression;
  body: Block;
}

export interface TypeAlias extends NodeBase {
  kind: 'TypeAlias';
  name: string;
  type: Expression;
}

export type Definition =
  | HostClassDefinition
  | ResourceTypeDefinition
  | NodeDefinition
  | FunctionDefinition
  | TypeAlias;

// ---------------------------------------------------------------- EPP

/** Literal text of an EPP template. */
export interface RenderString extends NodeBase {
  kind: 'RenderString';
  value: string;
}

/** `<%= expr %>` in an EPP template. */
export interface RenderExpression extends NodeBase {
  kind: 'RenderExpression';
  expression: Expression;
}

/** A parsed EPP template: its declared parameters (`<%- | String $x | -%>`) and body. */
export interface EppTemplate extends NodeBase {
  kind: 'EppTemplate';
  /** undefined when the template declares no parameter list at all. */
  params?: Parameter[];
  body: Block;
}

export type Expression =
  | Block
  | StringLiteral
  | InterpolatedString
  | NumberLiteral
  | BooleanLiteral
  | UndefLiteral
  | DefaultLiteral
  | RegexLiteral
  | ArrayLiteral
  | HashLiteral
  | QualifiedName
  | TypeReference
  | Variable
  | AccessExpression
  | NotExpression
  | NegateExpression
  | UnfoldExpression
  | ArithmeticExpression
  | ComparisonExpression
  | MatchExpression
  | InExpression
  | AndExpression
  | OrExpression
  | AssignmentExpression
  | RelationshipExpression
  | ParenthesizedExpression
  | SelectorExpression
  | IfExpression
  | UnlessExpression
  | CaseExpression
  | LambdaExpression
  | CallFunctionExpression
  | CallMethodExpression
  | ResourceExpression
  | ResourceDefaultsExpression
  | ResourceOverrideExpression
  | CollectExpression
  | Definition
  | RenderString
  | RenderExpression;

export type NodeKind = Expression['kind'] | 'Program' | 'EppTemplate' | 'HashEntry' | 'SelectorEntry' | 'CaseOption' | 'Parameter' | 'ResourceBody' | 'AttributeOperation' | 'AttributesSplat' | 'CollectQuery';
