'use client';
/**
 * "Create from YAML": one or more documents, created in order (a Namespace first makes the objects after it
 * possible), with one result per document. Dry run sends the same requests with dryRun=All. 422 causes are
 * marked on the lines of the document they belong to. The text is kept in sessionStorage per cluster.
 */
import Link from 'next/link';
import dynamic from 'next/dynamic';
import { useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiRequestError, errorMessage } from '@/lib/api-client';
import { createObject, k8sQueries, YAML_FIELD_MANAGER } from '@/lib/k8s/client';
import type { DiscoveryResource } from '@/lib/api-types';
import { objectHref } from '@/lib/k8s/links';
import { isPlainObject, type JsonObject } from '@/lib/yaml/clean';
import { causesToLines } from '@/lib/yaml/causes';
import { nonEmptyDocs, parseYaml, type ParsedDoc } from '@/lib/yaml/limits';
import { Button } from '@/components/ui/button';
import { SkeletonLines } from '@/components/ui/skeleton';
import type { EditorMarker, EditorProblem } from './code-editor';
import { FileActions } from './file-actions';
import { ProblemsList } from './problems-list';
import { draftKey, readDraft, useDraftPersistence } from './session-draft';
import { blockingReason, syntaxMarkers } from './validation';
import { createChecks, resolveKind as resolve, targetNamespace } from './create-access';
import { useDenied } from '@/components/auth/denied';
import { useDiscovery } from '@/components/shell/use-clusters';
import { useAccess } from '@/lib/access';

// Monaco touches window at import: client only, and only when this view renders
const CodeEditor = dynamic(() => import('./code-editor'), { ssr: false, loading: () => <SkeletonLines lines={12} /> });

const TEMPLATE = `# One or more Kubernetes objects, separated by ---. They are created in order.
apiVersion: v1
kind: ConfigMap
metadata:
  name: example
data:
  greeting: hello
`;

interface DocResult {
  index: number;
  label: string;
  ok: boolean;
  message: string;
  href?: string;
}

export function CreateEditor({ cluster }: { cluster: string }) {
  const qc = useQueryClient();
  const key = draftKey('create', cluster);
  const [text, setText] = useState(() => (typeof window === 'undefined' ? TEMPLATE : (readDraft(key)?.text ?? TEMPLATE)));
  const [defaultNs, setDefaultNs] = useState('default');
  const [busy, setBusy] = useState<'' | 'dry' | 'create'>('');
  const [results, setResults] = useState<{ dryRun: boolean; items: DocResult[] } | null>(null);
  const [serverMarkers, setServerMarkers] = useState<EditorMarker[]>([]);
  const [problems, setProblems] = useState<EditorProblem[]>([]);
  useDraftPersistence(key, text !== TEMPLATE ? { text } : null);

  const parsed = useMemo(() => parseYaml(text), [text]);
  const docs = useMemo(() => nonEmptyDocs(parsed), [parsed]);
  const blocked = blockingReason(parsed) ?? (docs.length === 0 ? 'Nothing to create: the editor holds no object.' : undefined);
  const markers = useMemo(() => [...syntaxMarkers(parsed), ...serverMarkers], [parsed, serverMarkers]);
  // RBAC: every document's create must be allowed (one refused document fails the run part-way)
  const served = useDiscovery(cluster);
  const checks = useMemo(() => createChecks(docs, served.data?.resources, defaultNs), [docs, served.data, defaultNs]);
  const decisions = useAccess(cluster, checks);
  const refused = decisions.find((d) => !d.allowed);
  const denied = useDenied(decisions);

  async function run(dryRun: boolean) {
    setBusy(dryRun ? 'dry' : 'create');
    setServerMarkers([]);
    const items: DocResult[] = [];
    const marks: EditorMarker[] = [];
    let discovery: DiscoveryResource[] | undefined;
    const discover = async (fresh: boolean) => {
      if (!discovery || fresh) discovery = (await qc.fetchQuery({ ...k8sQueries.discovery(cluster), staleTime: fresh ? 0 : 60_000 })).resources;
      return discovery;
    };
    for (const d of docs) {
      const r = await createOne(d, dryRun, discover);
      items.push(r.result);
      if (r.markers) marks.push(...r.markers);
      setResults({ dryRun, items: [...items] });
    }
    setServerMarkers(marks);
    setBusy('');
  }

  async function createOne(d: ParsedDoc, dryRun: boolean, discover: (fresh: boolean) => Promise<DiscoveryResource[]>): Promise<{ result: DocResult; markers?: EditorMarker[] }> {
    const o = d.value;
    const n = d.index + 1;
    if (!isPlainObject(o) || typeof o.apiVersion !== 'string' || typeof o.kind !== 'string' || !isPlainObject(o.metadata)) {
      return { result: { index: n, label: `Document ${n}`, ok: false, message: 'needs apiVersion, kind and metadata' }, markers: [{ line: d.startLine, message: 'needs apiVersion, kind and metadata' }] };
    }
    const md = o.metadata as JsonObject;
    const name = typeof md.name === 'string' ? md.name : '';
    const label = `${o.kind} ${name || (md.generateName ? `${md.generateName}…` : '(no name)')}`;
    try {
      // a CRD created earlier in this same text is only in a fresh discovery
      const info = resolve(await discover(false), o.apiVersion, o.kind) ?? resolve(await discover(true), o.apiVersion, o.kind);
      if (!info) throw new Error(`the cluster does not serve ${o.kind} in ${o.apiVersion}`);
      const namespace = targetNamespace(info, md, defaultNs);
      const body = info.namespaced ? { ...o, metadata: { ...md, namespace } } : o;
      const created = await createObject<JsonObject>({ cluster, group: info.group, version: info.version, resource: info.resource, namespace }, body, { dryRun, fieldManager: YAML_FIELD_MANAGER });
      const createdName = isPlainObject(created?.metadata) ? String(created.metadata.name ?? name) : name;
      return {
        result: {
          index: n,
          label: `${o.kind} ${namespace ? `${namespace}/` : ''}${createdName}`,
          ok: true,
          message: dryRun ? 'dry run passed' : 'created',
          href: dryRun ? undefined : objectHref(cluster, info, namespace, createdName),
        },
      };
    } catch (err) {
      const markers = err instanceof ApiRequestError && err.status === 422 ? causesToLines(text, d, err.details, err.message) : [{ line: d.startLine, message: errorMessage(err) }];
      return { result: { index: n, label, ok: false, message: errorMessage(err) }, markers };
    }
  }

  return (
    <div className="space-y-2">
      <div role="toolbar" aria-label="YAML actions" className="flex flex-wrap items-center gap-2">
        <Button size="sm" disabled={Boolean(blocked) || busy !== '' || Boolean(refused)} {...denied.props(refused)} onClick={() => void run(true)}>
          {busy === 'dry' ? 'Dry running…' : 'Dry run'}
        </Button>
        <Button size="sm" variant="primary" disabled={Boolean(blocked) || busy !== '' || Boolean(refused)} {...denied.props(refused)} onClick={() => void run(false)}>
          {busy === 'create' ? 'Creating…' : 'Create'}
        </Button>
        <FileActions text={text} fileName="objects.yaml" />
        <label className="ml-auto flex items-center gap-1.5 text-sm">
          Namespace for objects without one
          <input value={defaultNs} onChange={(e) => setDefaultNs(e.target.value.trim())} className="h-7 w-40 rounded-md border border-line bg-surface px-2 font-mono text-sm" />
        </label>
      </div>
      {denied.notes}
      {blocked && <p className="text-sm text-error">{blocked}</p>}
      {results && (
        <section aria-label="Results" className="rounded-md border border-line p-2 text-sm">
          <h3 className="mb-1 font-medium">{results.dryRun ? 'Dry run results' : 'Results'}</h3>
          <ol className="space-y-0.5">
            {results.items.map((r) => (
              <li key={r.index} className={r.ok ? 'text-ok' : 'text-error'}>
                {r.index}. {r.href ? <Link href={r.href} className="underline">{r.label}</Link> : r.label}: {r.message}
              </li>
            ))}
          </ol>
        </section>
      )}
        <CodeEditor cluster={cluster} modelId={`${cluster}/create`} value={text} onChange={setText} markers={markers} onProblems={setProblems} />
      <ProblemsList problems={problems} />
    </div>
  );
}
