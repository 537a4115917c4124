/**
 * Wire facts of kubectl 1.32's streaming commands (fixtures/kubectl-streaming-wire.json): still what the installed
 * kubectl sends, and understood by the sandbox (subprotocol negotiation, query parameters).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasKubectl } from '../test-helpers';
import { captureWire, WIRE_COMMANDS, type WireRequest } from './wire-capture';
import { negotiate } from './websocket';
import { REMOTECOMMAND_PROTOCOLS } from './channels';
import { queryBool } from './exec-options';

const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'kubectl-streaming-wire.json'), 'utf8')) as { command: string[]; requests: WireRequest[] }[];

describe('kubectl streaming wire facts', () => {
  it.skipIf(!hasKubectl)('the installed kubectl still sends what the fixture records', async () => {
    expect(await captureWire(WIRE_COMMANDS)).toEqual(fixture);
  }, 120_000);

  it('every command tries a v5 WebSocket GET first, then a SPDY POST offering v5..v1', () => {
    for (const { requests } of fixture) {
      const ws = requests.filter((r) => r.upgrade === 'websocket');
      const spdy = requests.filter((r) => r.upgrade === 'SPDY/3.1');
      expect(ws.length).toBeGreaterThan(0);
      expect(ws.map((r) => r.method)).toEqual(ws.map(() => 'GET'));
      expect(spdy.map((r) => [r.method, r.xStreamProtocolVersion])).toEqual(spdy.map(() => ['POST', ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'v3.channel.k8s.io', 'v2.channel.k8s.io', 'channel.k8s.io']]));
      for (const r of ws) expect(negotiate(r.secWebSocketProtocol, REMOTECOMMAND_PROTOCOLS)).toBe('v5.channel.k8s.io');
    }
  });

  it('query parameters: container filled in, stdin only with -i, no tty without -t, cp runs test -d then tar', () => {
    const urls = fixture.flatMap((f) => f.requests.filter((r) => r.upgrade === 'websocket').map((r) => new URL(r.url, 'http://x')));
    for (const u of urls) {
      expect(u.searchParams.get('container')).toBe('app');
      expect(queryBool(u, 'stdout')).toBe(true);
      expect(queryBool(u, 'tty')).toBe(false);
    }
    expect(urls.map((u) => [u.pathname.split('/').pop(), u.searchParams.getAll('command').join(' '), queryBool(u, 'stdin')])).toEqual([
      ['exec', 'echo hi', false],
      ['exec', 'cat', true],
      ['attach', '', false],
      ['exec', 'test -d /tmp/x', false],
      ['exec', 'tar -xmf - -C /tmp', true],
      ['exec', 'tar cf - /tmp/x', false],
    ]);
  });
});
