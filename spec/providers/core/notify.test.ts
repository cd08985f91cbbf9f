import { describe, expect, it } from 'vitest';
import { apply, catalogOf } from '../../engine/helpers.js';

describe('notify', () => {
  it('logs its message and reports the change as Puppet does', async () => {
    const { report, lines } = await apply(catalogOf([{ type: 'notify', title: 'hi', parameters: { message: 'hello' } }]));
    expect(lines).toContain('Notice: hello');
    expect(lines).toContain("Notice: /Stage[main]/Main/Notify[hi]/message: defined 'message' as 'hello'");
    expect(report.metrics.changes.total).toBe(1);
    expect(report.resource_statuses['Notify[hi]']!.events[0]!.status).toBe('success');
  });

  it('defaults the message to the title and prefixes the path with withpath', async () => {
    const { lines } = await apply(catalogOf([{ type: 'notify', title: 'plain title', parameters: { withpath: true } }]));
    expect(lines).toContain('Notice: /Stage[main]/Main/Notify[plain title]: plain title');
  });

  it('in noop says what would change and logs nothing else', async () => {
    const { lines, report } = await apply(catalogOf([{ type: 'notify', title: 'hi' }]), { noop: true });
    expect(lines).toContain("Notice: /Stage[main]/Main/Notify[hi]/message: current_value 'absent', should be 'hi' (noop)");
    expect(lines).not.toContain('Notice: hi');
    expect(report.metrics.changes.total).toBe(0);
    expect(report.metrics.events.noop).toBe(1);
  });

  it('rejects an unknown parameter before anything runs', async () => {
    await expect(apply(catalogOf([{ type: 'notify', title: 'a' }, { type: 'notify', title: 'b', parameters: { colour: 'red' } }]))).rejects.toThrow(
      "Notify[b]: no parameter named 'colour'",
    );
  });
});
