'use client';
/**
 * Monaco from the locally installed monaco-editor (never a CDN) with monaco-yaml in its own web worker.
 * This module is only reached through lazy imports (the YAML tab and the create page), so Monaco never lands
 * in the initial JS of other pages. Workers are created with `new Worker(new URL(...))`, the pattern
 * Turbopack and webpack both bundle as separate worker chunks.
 */
import * as monaco from 'monaco-editor';
import { configureMonacoYaml, type MonacoYaml, type SchemasSettings } from 'monaco-yaml';

type Env = { getWorker(moduleId: string, label: string): Worker };

let yaml: MonacoYaml | undefined;

function install(): MonacoYaml {
  if (yaml) return yaml;
  (globalThis as unknown as { MonacoEnvironment: Env }).MonacoEnvironment = {
    getWorker(_moduleId, label) {
      if (label === 'yaml') return new Worker(new URL('monaco-yaml/yaml.worker', import.meta.url));
      return new Worker(new URL('monaco-editor/esm/vs/editor/editor.worker', import.meta.url));
    },
  };
  yaml = configureMonacoYaml(monaco, {
    enableSchemaRequest: false,
    hover: true,
    completion: true,
    validate: true,
    schemas: [],
  });
  return yaml;
}

/** Schemas per model URI: every mounted editor registers its own entry; monaco-yaml gets the union. */
const schemaByModel = new Map<string, SchemasSettings>();

export function setModelSchema(modelUri: string, schema: Record<string, unknown> | undefined): void {
  if (schema) schemaByModel.set(modelUri, { uri: `${modelUri.replace(/\.yaml$/, "")}.schema.json`, fileMatch: [modelUri], schema: schema as SchemasSettings['schema'] });
  else schemaByModel.delete(modelUri);
  void install().update({ schemas: [...schemaByModel.values()] });
}

export function getMonaco(): typeof monaco {
  install();
  return monaco;
}

export function themeName(): string {
  return typeof document !== 'undefined' && document.documentElement.classList.contains('dark') ? 'vs-dark' : 'vs';
}

export type Monaco = typeof monaco;
