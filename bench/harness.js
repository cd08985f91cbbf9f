// Shared bits of the benches: timing a whole child process (wall + peak RSS via /usr/bin/time)
// and the rows `bench/run.js` collects into its table. Each bench stays runnable alone; rows are
// printed as `@row {json}` lines only when run.js asks for them (PAPPLY_BENCH_ROWS=1).
import { spawnSync } from 'node:child_process';

/**
 * Runs `command args` under /usr/bin/time -f; returns wall seconds, peak RSS (MB), exit status
 * and output. With `timeoutSeconds`, a run that takes longer is killed and reported `timedOut`.
 */
export function timed(command, args, { cwd, timeoutSeconds, env } = {}) {
  const result = spawnSync('/usr/bin/time', ['-f', '__time__ %e %M', command, ...args], {
    cwd, env, encoding: 'utf8', maxBuffer: 1 << 28, timeout: timeoutSeconds ? timeoutSeconds * 1000 : undefined, killSignal: 'SIGKILL',
  });
  if (result.error?.code === 'ETIMEDOUT' || (result.signal === 'SIGKILL' && timeoutSeconds)) {
    return { timedOut: true, seconds: timeoutSeconds, rssMb: NaN, status: undefined, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
  }
  const match = /__time__ ([\d.]+) (\d+)/.exec(result.stderr ?? '');
  if (!match) throw new Error(`could not time ${command}: ${result.error?.message ?? ''}${(result.stderr ?? '').slice(-2000)}`);
  return { timedOut: false, seconds: Number(match[1]), rssMb: Number(match[2]) / 1024, status: result.status, output: result.stdout + result.stderr };
}

/** One line of run.js's table: what was measured, papply's figure, the alternative's, and a note. */
export function row(bench, metric, papply, alternative = '', note = '') {
  if (process.env.PAPPLY_BENCH_ROWS === '1') console.log(`@row ${JSON.stringify({ bench, metric, papply: String(papply), alternative: String(alternative), note: String(note) })}`);
}

export const seconds = (value) => `${value.toFixed(2)} s`;
export const megabytes = (value) => `${value.toFixed(0)} MB`;
