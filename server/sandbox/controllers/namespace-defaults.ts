/**
 * What kube-controller-manager puts in every namespace: the `default` ServiceAccount (serviceaccount-controller)
 * and the `kube-root-ca.crt` ConfigMap (root-ca-cert-publisher) with the cluster's CA (a placeholder certificate
 * when the runtime was started without it).
 */
import { keyOf, makeController, watchAll, type Ctx } from './lib/context';
import { isConflict } from './lib/queue';
import { R } from './lib/refs';

const ROOT_CA = '-----BEGIN CERTIFICATE-----\nc2FuZGJveCByb290IENBIHBsYWNlaG9sZGVy\n-----END CERTIFICATE-----\n';

export function startNamespaceDefaultsController(ctx: Ctx) {
  const { client } = ctx;

  function reconcile(key: string) {
    const ns = client.get(R.namespaces, undefined, key);
    if (!ns || ns.metadata.deletionTimestamp) return;
    const create = (ref: typeof R.serviceaccounts, obj: Parameters<typeof client.create>[1]) => {
      if (client.get(ref, key, obj.metadata.name!)) return;
      try {
        client.create(ref, obj);
      } catch (e) {
        if (!isConflict(e)) throw e;
      }
    };
    create(R.serviceaccounts, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: key } });
    create(R.configmaps, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'kube-root-ca.crt', namespace: key, annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } },
      data: { 'ca.crt': ctx.caPem ?? ROOT_CA },
    });
  }

  return makeController(ctx, 'namespace-defaults', reconcile, (enqueue) => [
    watchAll(ctx, R.namespaces, (e) => {
      if (e.type !== 'DELETED') enqueue(keyOf(e.object));
    }),
    // re-create them when deleted, like the real controllers do
    watchAll(ctx, R.serviceaccounts, (e) => {
      if (e.type === 'DELETED' && e.object.metadata.name === 'default') enqueue(e.object.metadata.namespace!);
    }),
  ]);
}
