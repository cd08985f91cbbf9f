// A unified diff of two texts (for `--show-diff` of file content), from a longest common
// subsequence of lines; small files only, which is what configuration files are.

export function unifiedDiff(before: string, after: string, fromLabel: string, toLabel: string, context = 3): string {
  const a = before === '' ? [] : before.replace(/\n$/, '').split('\n');
  const b = after === '' ? [] : after.replace(/\n$/, '').split('\n');
  // lcs[i][j]: length of the LCS of a[i..] and b[j..]
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  type Line = { kind: ' ' | '-' | '+'; text: string; oldLine: number; newLine: number };
  const lines: Line[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) lines.push({ kind: ' ', text: a[i]!, oldLine: i++, newLine: j++ });
    else if (i < a.length && (j >= b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) lines.push({ kind: '-', text: a[i]!, oldLine: i++, newLine: j });
    else lines.push({ kind: '+', text: b[j]!, oldLine: i, newLine: j++ });
  }
  const output = [`--- ${fromLabel}`, `+++ ${toLabel}`];
  let index = 0;
  while (index < lines.length) {
    if (lines[index]!.kind === ' ') {
      index++;
      continue;
    }
    const start = Math.max(0, index - context);
    let end = index;
    // Extend the hunk while changes are closer than 2*context lines apart.
    for (let k = index; k < lines.length; k++) {
      if (lines[k]!.kind !== ' ') end = k;
      else if (k - end > 2 * context) break;
    }
    const stop = Math.min(lines.length, end + context + 1);
    const hunk = lines.slice(start, stop);
    const oldCount = hunk.filter((l) => l.kind !== '+').length;
    const newCount = hunk.filter((l) => l.kind !== '-').length;
    const oldStart = oldCount === 0 ? hunk[0]!.oldLine : hunk[0]!.oldLine + 1;
    const newStart = newCount === 0 ? hunk[0]!.newLine : hunk[0]!.newLine + 1;
    output.push(`@@ -${oldStart}${oldCount === 1 ? '' : `,${oldCount}`} +${newStart}${newCount === 1 ? '' : `,${newCount}`} @@`);
    for (const line of hunk) output.push(`${line.kind}${line.text}`);
    index = stop;
  }
  return output.join('\n');
}
