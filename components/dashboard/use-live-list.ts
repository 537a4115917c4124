'use client';
/* A live list for dashboard widgets over lib/realtime's useWatch, in the shape the widgets render. */
import { useWatch } from '@/lib/realtime/use-watch';
import { ApiRequestError } from '@/lib/api-client';
import type { K8sObject } from '@/lib/k8s/types';

export interface LiveList {
  items: K8sObject[];
  isPending: boolean;
  /** ApiRequestError carrying the server's message, when the watch failed */
  error: ApiRequestError | undefined;
}

export function useLiveList(cluster: string, group: string, version: string, resource: string, namespace?: string): LiveList {
  const r = useWatch({ cluster, group, version, resource, namespace });
  return {
    items: r.items as unknown as K8sObject[],
    isPending: r.state === 'loading',
    error: r.state === 'error' && r.error ? new ApiRequestError({ ...r.error, cluster }) : undefined,
  };
}
