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

let themesDefined = false;

/**
 * Monaco's own themes, with the one token colour that misses WCAG's 4.5:1 on its background raised: vs-dark's
 * comment green (#608b4e, 4.2:1 on #1e1e1e). Everything else is inherited unchanged.
 */
function defineThemes(): void {
  if (themesDefined) return;
  themesDefined = true;
  monaco.editor.defineTheme('wh-light', { base: 'vs', inherit: true, rules: [], colors: {} });
  monaco.editor.defineTheme('wh-dark', { base: 'vs-dark', inherit: true, rules: [{ token: 'comment', foreground: '7aa865' }], colors: {} });
}

export function themeName(): string {
  defineThemes();
  return typeof document !== 'undefined' && document.documentElement.classList.contains('dark') ? 'wh-dark' : 'wh-light';
}

export type Monaco = typeof monaco;
