/**
 * meta.k8s.io/v1 PartialObjectMetadata(List) output, as controllers and metadata informers request it with
 * `Accept: application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1` (lists) or `as=PartialObjectMetadata`
 * (single objects): only metadata travels, so a list of large Secrets costs its labels, not its payloads.
 * The first acceptable media type wins, like the apiserver's negotiation; a plain application/json before it
 * means the full object.
 */
import type { KObject } from '../types';

const META_API_VERSION = 'meta.k8s.io/v1';

export function metadataAccepted(accept: string | undefined, list: boolean): boolean {
  if (!accept) return false;
  const want = list ? 'as=PartialObjectMetadataList' : 'as=PartialObjectMetadata';
  for (const part of accept.split(',')) {
    const p = part.replace(/\s+/g, '');
    const params = p.split(';');
    if (params.includes(want) && params.includes('g=meta.k8s.io') && (params.includes('v=v1') || params.includes('v=v1beta1'))) return true;
    if (p.startsWith('application/json') && !p.includes('as=')) return false;
  }
  return false;
}

export function partialObjectText(o: KObject): string {
  return JSON.stringify({ kind: 'PartialObjectMetadata', apiVersion: META_API_VERSION, metadata: o.metadata });
}

export function partialListText(items: readonly KObject[], meta: Record<string, unknown>): string {
  const head = JSON.stringify({ kind: 'PartialObjectMetadataList', apiVersion: META_API_VERSION, metadata: meta });
  return `${head.slice(0, -1)},"items":[${items.map(partialObjectText).join(',')}]}`;
}
