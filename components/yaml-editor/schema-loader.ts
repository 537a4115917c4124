'use client';
/**
 * Loads the cluster's OpenAPI v3 documents through the BFF and builds the editor schema for the kinds the
 * text names. Documents are fetched once per cluster/group-version per page (the BFF revalidates by hash).
 */
import { fetchJson } from '@/lib/api-client';
import { apiUrls } from '@/lib/k8s/client';
import { parseApiVersion } from '@/lib/k8s/types';
import { buildDocumentSchema, openApiPathOf, type Gvk, type KindSource, type OpenApiDoc } from '@/lib/yaml/openapi-schema';

const docs = new Map<string, Promise<OpenApiDoc | undefined>>();

function loadDoc(cluster: string, group: string, version: string): Promise<OpenApiDoc | undefined> {
  const path = openApiPathOf(group, version);
  const key = `${cluster}|${path}`;
  let p = docs.get(key);
  if (!p) {
    p = fetchJson<OpenApiDoc>(apiUrls.openapi(cluster, path)).catch(() => {
      // a kind the cluster does not know (yet): no schema, and try again next time
      docs.delete(key);
      return undefined;
    });
    docs.set(key, p);
  }
  return p;
}

/** `apiVersion`/`kind` pairs of every document, from a cheap line scan (works while the YAML is broken). */
export function kindsInText(text: string): Gvk[] {
  const out = new Map<string, Gvk>();
  for (const part of text.split(/^---[^\n]*$/m)) {
    const av = /^apiVersion:\s*["']?([^\s"'#]+)/m.exec(part)?.[1];
    const kind = /^kind:\s*["']?([A-Za-z0-9]+)/m.exec(part)?.[1];
    if (!av || !kind) continue;
    const { group, version } = parseApiVersion(av);
    if (!/^v[0-9a-z]+$/.test(version)) continue;
    out.set(`${av}|${kind}`, { group, version, kind });
  }
  return [...out.values()];
}

export function kindsKey(kinds: Gvk[]): string {
  return kinds.map((k) => `${k.group}/${k.version}/${k.kind}`).sort().join(',');
}

export async function schemaFor(cluster: string, kinds: Gvk[]): Promise<Record<string, unknown>> {
  const sources: KindSource[] = [];
  for (const gvk of kinds) {
    const doc = await loadDoc(cluster, gvk.group, gvk.version);
    if (doc) sources.push({ gvk, doc });
  }
  return buildDocumentSchema(sources);
}
