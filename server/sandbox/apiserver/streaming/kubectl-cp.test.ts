/** `kubectl cp` both ways: tar streamed through pods/exec into and out of the simulated container. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasKubectl, kubectl, type TestCluster } from '../test-helpers';
import { NS, startExecCluster } from './testing';

let c: TestCluster;

beforeAll(async () => {
  c = await startExecCluster('kc', [{ name: 'bb', spec: { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }] } }]);
}, 60_000);
afterAll(async () => {
  await c?.stop();
});

describe.skipIf(!hasKubectl)('kubectl cp', () => {
  it('copies a file into the pod and back', async () => {
    const local = path.join(c.dir, 'in.txt');
    const body = `line one\nline two\n${'x'.repeat(100_000)}\n`;
    fs.writeFileSync(local, body);
    const up = await kubectl(c, ['cp', local, `${NS}/bb:/tmp/in.txt`]);
    expect(up).toMatchObject({ code: 0 });
    const cat = await kubectl(c, ['exec', '-n', NS, 'bb', '--', 'wc', '-c', '/tmp/in.txt']);
    expect(cat.stdout.trim()).toBe(`${Buffer.byteLength(body)} /tmp/in.txt`);
    const back = path.join(c.dir, 'back.txt');
    const down = await kubectl(c, ['cp', `${NS}/bb:/tmp/in.txt`, back]);
    expect(down).toMatchObject({ code: 0 });
    expect(fs.readFileSync(back, 'utf8')).toBe(body);
  });

  it('copies a directory tree both ways', async () => {
    const dir = path.join(c.dir, 'tree');
    fs.mkdirSync(path.join(dir, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'a.txt'), 'A\n');
    fs.writeFileSync(path.join(dir, 'sub', 'b.bin'), Buffer.from([0, 1, 2, 255]));
    expect(await kubectl(c, ['cp', dir, `${NS}/bb:/data`])).toMatchObject({ code: 0 });
    const ls = await kubectl(c, ['exec', '-n', NS, 'bb', '--', 'sh', '-c', 'cat /data/a.txt; ls /data/sub']);
    expect(ls.stdout).toBe('A\nb.bin\n');
    const out = path.join(c.dir, 'tree-back');
    expect(await kubectl(c, ['cp', `${NS}/bb:/data`, out])).toMatchObject({ code: 0 });
    expect(fs.readFileSync(path.join(out, 'a.txt'), 'utf8')).toBe('A\n');
    expect([...fs.readFileSync(path.join(out, 'sub', 'b.bin'))]).toEqual([0, 1, 2, 255]);
  });

  it("shows tar's complaint about a missing source file in the pod and copies nothing", async () => {
    // kubectl 1.32 relays the remote tar's stderr and ends when the (empty) archive ends
    const r = await kubectl(c, ['cp', `${NS}/bb:/nope`, path.join(c.dir, 'x')]);
    expect(r.stdout + r.stderr).toContain('tar: /nope: Cannot stat: No such file or directory');
    expect(fs.existsSync(path.join(c.dir, 'x'))).toBe(false);
  });
});
