// The id scheme of everything papply creates in the CIB. Stable ids make re-runs idempotent and
// let people (and other tools) address what papply wrote:
//
//   <rsc>-instance_attributes            the parameters set;   <set>-<key> for each nvpair
//   <rsc>-meta_attributes                the meta set;         <set>-<key>
//   <rsc>-utilization                    the utilization set;  <set>-<key>
//   <rsc>-<op>-<interval>                an operation, interval normalised: 10s, 1500ms, 0s
//   <op id>-instance_attributes-<key>    operation parameters such as OCF_CHECK_LEVEL
//   ms_<primitive>                       the promotable parent of a cs_primitive with promotable => true
//   <constraint>-rule-<n>                a location rule without its own id (n from 0)
//   <rule>-expression-<n>                its expressions
//   cib-bootstrap-options-<name>         a cluster property
//   rsc-options-<name>                   a resource default (set `rsc-options`)
//
// An element that already exists keeps its id whatever created it: nvpairs are matched by name,
// operations by name and interval, so a CIB written by crm or pcs is not rewritten.

/** Interval or timeout in milliseconds, as Pacemaker reads durations; undefined when not a duration. */
export function durationMs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim().toLowerCase();
  const plain = /^(\d+)\s*(ms|msec|us|usec|s|sec|m|min|h|hr)?$/.exec(trimmed);
  if (plain) {
    const factor: Record<string, number> = { ms: 1, msec: 1, us: 0.001, usec: 0.001, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000, hr: 3_600_000 };
    return Number(plain[1]) * factor[plain[2] ?? 's']!;
  }
  const iso = /^pt(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(trimmed);
  if (iso && trimmed !== 'pt') return ((Number(iso[1] ?? 0) * 60 + Number(iso[2] ?? 0)) * 60 + Number(iso[3] ?? 0)) * 1000;
  return undefined;
}

/** `10s`, `1500ms`: the interval as it appears in operation ids. */
export function intervalToken(interval: string): string {
  const ms = durationMs(interval);
  if (ms === undefined) return sanitizeId(interval);
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** XML ids are NCNames: anything else becomes `.` (as Pacemaker's own id sanitising does). */
export function sanitizeId(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9_.-]/g, '.');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

export const setIds = {
  parameters: (rsc: string) => `${rsc}-instance_attributes`,
  meta: (rsc: string) => `${rsc}-meta_attributes`,
  utilization: (rsc: string) => `${rsc}-utilization`,
};

export const nvpairId = (setId: string, key: string) => sanitizeId(`${setId}-${key}`);
export const operationId = (rsc: string, name: string, interval: string) => sanitizeId(`${rsc}-${name}-${intervalToken(interval)}`);
export const promotableParentId = (primitive: string) => `ms_${primitive}`;
export const BOOTSTRAP_SET_ID = 'cib-bootstrap-options';
export const RSC_DEFAULTS_SET_ID = 'rsc-options';

/** Scores as Pacemaker compares them: INFINITY, +INFINITY and inf are one value. */
export function normalizeScore(score: string | undefined): string | undefined {
  if (score === undefined) return undefined;
  const lower = score.trim().toLowerCase();
  if (lower === 'inf' || lower === 'infinity' || lower === '+inf' || lower === '+infinity') return 'INFINITY';
  if (lower === '-inf' || lower === '-infinity') return '-INFINITY';
  return score.trim();
}
