import { describe, expect, it } from 'vitest';
import { watchKey } from '@/lib/realtime/watch-client';
import { kindByResource } from '@/lib/k8s/registry';
import { listWatchForLocation, listWatchParams } from './list-watch';

const none = () => [];

describe('listWatchForLocation (the early watch of a list page)', () => {
  it('names the same watch the list page opens, so the two share one subscription', () => {
    const pods = kindByResource('', 'pods')!;
    const early = listWatchForLocation('/c/sandbox-east/r/core/v1/pods', '?ns=default', none)!;
    expect(watchKey(early)).toBe(watchKey(listWatchParams('sandbox-east', pods, ['default'])));
    expect(early).toMatchObject({ cluster: 'sandbox-east', group: '', version: 'v1', resource: 'pods', namespace: 'default' });
  });

  it('watches all namespaces for none or several (filtered in the browser), and the remembered one without ?ns', () => {
    expect(listWatchForLocation('/c/a/r/apps/v1/deployments', '', none)!.namespace).toBeUndefined();
    expect(listWatchForLocation('/c/a/r/apps/v1/deployments', '?ns=x,y', none)!.namespace).toBeUndefined();
    expect(listWatchForLocation('/c/a/r/apps/v1/deployments', '', (c) => (c === 'a' ? ['team-1'] : []))!.namespace).toBe('team-1');
    // ?ns wins over the remembered selection, even when it is empty (all namespaces)
    expect(listWatchForLocation('/c/a/r/apps/v1/deployments', '?ns=', () => ['team-1'])!.namespace).toBeUndefined();
  });

  it('ignores the namespace selection for cluster-scoped kinds and honours the version in the URL', () => {
    expect(listWatchForLocation('/c/a/r/core/v1/nodes', '?ns=default', none)).toMatchObject({ resource: 'nodes', namespace: undefined });
    expect(listWatchForLocation('/c/a/r/autoscaling/v1/horizontalpodautoscalers', '', none)).toMatchObject({ group: 'autoscaling', version: 'v1' });
    expect(listWatchForLocation('/c/my%20cluster/r/core/v1/pods', '', none)!.cluster).toBe('my cluster');
  });

  it('starts nothing for pages that are not a list of a built-in kind', () => {
    for (const path of ['/', '/login', '/c/a', '/c/a/r/core/v1/pods/default/web-0', '/c/a/r/example.com/v1/widgets', '/c/a/create']) {
      expect(listWatchForLocation(path, '', none)).toBeUndefined();
    }
  });
});
