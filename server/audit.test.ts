import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { audited, createAuditLog, sessionObject } from './audit';
import { K8sApiError } from './k8s/errors';

function sink() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      cb();
    },
  });
  return { lines, stream };
}

const object = { group: 'apps', version: 'v1', resource: 'deployments', namespace: 'ns', name: 'web' };

describe('audit log', () => {
  it('writes one JSON line per operation with exactly the audit fields', async () => {
    const s = sink();
    const log = createAuditLog({ destination: s.stream });
    await audited(log, 'east', 'scale', object, async () => ({ ok: true }), () => 'replicas=3');
    const line = JSON.parse(s.lines[0]);
    expect(Object.keys(line)).toEqual(['time', 'user', 'cluster', 'verb', 'object', 'result', 'message']);
    expect(line).toMatchObject({ user: 'anonymous', cluster: 'east', verb: 'scale', object, result: 'success', message: 'replicas=3' });
    expect(new Date(line.time).toISOString()).toBe(line.time);
  });

  it('records failures with the status and server message, and rethrows the same error', async () => {
    const s = sink();
    const log = createAuditLog({ destination: s.stream });
    const err = new K8sApiError({ status: 409, reason: 'Conflict', message: 'the object has been modified' });
    await expect(audited(log, 'east', 'rollback', object, async () => Promise.reject(err))).rejects.toBe(err);
    expect(JSON.parse(s.lines[0])).toMatchObject({ verb: 'rollback', result: 'failure', status: 409, message: 'the object has been modified' });
    expect(log.recent()).toHaveLength(1);
  });

  it('keeps the last 1,000 entries in memory, newest last', () => {
    const log = createAuditLog({ destination: sink().stream });
    for (let i = 0; i < 1_005; i++) log.record({ user: `u${i}`, cluster: '', verb: 'login', object: sessionObject(`u${i}`), result: 'success' });
    expect(log.recent()).toHaveLength(1_000);
    expect(log.recent()[0].user).toBe('u5');
    expect(log.recent(2).map((e) => e.user)).toEqual(['u1003', 'u1004']);
    expect(log.recent()[0].object).toEqual({ group: 'wheelhouse.dev', version: 'v1', resource: 'sessions', name: 'u5' });
  });
});
