'use client';
/** The detail page's YAML tab (loaded lazily from components/resource-detail/tabs.ts). */
import type { TabProps } from '@/components/resource-detail/tabs';
import type { JsonObject } from '@/lib/yaml/clean';
import { ObjectEditor, type ObjectEditorProps } from './object-editor';

export default function YamlTab({ cluster, kind, obj }: TabProps) {
  // one editor per object: switching objects must not carry a base or text across
  const key = `${cluster}/${kind.id}/${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
  return <ObjectEditor key={key} cluster={cluster} kind={kind} obj={obj as unknown as JsonObject & ObjectEditorProps['obj']} />;
}
