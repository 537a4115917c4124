/**
 * Token login: who does a pasted Kubernetes bearer token belong to? Each connected cluster is asked
 * with a SelfSubjectReview made WITH the token (registry.client(id).as({kind:'token'}): the token replaces the
 * kubeconfig's credentials), all at once; the first cluster in registry order that accepts it names the user.
 * SelfSubjectReview is GA in Kubernetes 1.28 (beta in 1.27); older clusters answer 404 and are tried with v1beta1.
 */
import { z } from 'zod';
import type { ClusterRegistry } from '../clusters/registry';

const review = z.object({ status: z.object({ userInfo: z.object({ username: z.string().min(1), groups: z.array(z.string()).optional() }) }) });

export interface TokenOwner {
  username: string;
  groups: string[];
  cluster: string;
}

async function ask(registry: ClusterRegistry, cluster: string, token: string): Promise<TokenOwner> {
  const client = registry.client(cluster).as({ kind: 'token', token, username: '', groups: [] });
  let last: unknown;
  for (const version of ['v1', 'v1beta1']) {
    try {
      const body = await client.request({
        method: 'POST',
        path: `/apis/authentication.k8s.io/${version}/selfsubjectreviews`,
        body: { apiVersion: `authentication.k8s.io/${version}`, kind: 'SelfSubjectReview' },
        timeoutMs: 5_000,
      });
      const info = review.parse(body).status.userInfo;
      return { username: info.username, groups: info.groups ?? [], cluster };
    } catch (e) {
      last = e;
      if ((e as { status?: number }).status !== 404) break;
    }
  }
  throw last;
}

/** The token's owner per the first accepting cluster, or undefined when no connected cluster accepts it. */
export async function reviewToken(registry: ClusterRegistry, token: string): Promise<TokenOwner | undefined> {
  const clusters = registry.list().filter((c) => c.state === 'connected');
  const results = await Promise.allSettled(clusters.map((c) => ask(registry, c.id, token)));
  for (const r of results) if (r.status === 'fulfilled') return r.value;
  return undefined;
}
