/**
 * Generates ../data/definitions.json: the built-in Kubernetes type definitions (properties, types, formats,
 * descriptions, required lists) under their kube-openapi names (io.k8s.api.apps.v1.Deployment ...).
 *
 * Why generated from npm packages: no OpenAPI spec can be downloaded here. Two installed packages carry
 * the spec's content in pieces:
 *   - kubernetes-types (1.30): every stable group as documented TypeScript, organised by group/version, with
 *     optionality mirroring the spec's `required` and a JSDoc description on every field (also ref fields).
 *   - @kubernetes/client-node (1.4, spec 1.34): attributeTypeMap with formats (int32/int64/double/date-time),
 *     which tells integer from number, and fields newer than kubernetes-types (added with their descriptions).
 * Patch metadata (merge keys, list types) is in neither package: see ../data/patch-meta.ts (hand-maintained).
 *
 * Run: npx tsx server/sandbox/apiserver/openapi/gen/generate-definitions.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import ts from 'typescript';

const require = createRequire(import.meta.url);
const ktRoot = path.dirname(require.resolve('kubernetes-types/package.json'));
const cnModels = path.join(path.dirname(require.resolve('@kubernetes/client-node/package.json')), 'dist/gen/models');
const outFile = path.join(path.dirname(new URL(import.meta.url).pathname), '../data/definitions.json');

/** A property or definition schema; `ref` is a bare definition name (documents turn it into a $ref). */
export interface GenSchema {
  type?: string;
  format?: string;
  description?: string;
  ref?: string;
  items?: GenSchema;
  additionalProperties?: GenSchema;
  properties?: Record<string, GenSchema>;
  required?: string[];
  enum?: string[];
  /** x-kubernetes-group-version-kind, from kubernetes-types' literal apiVersion/kind types */
  gvk?: { group: string; version: string; kind: string }[];
}

/** kubernetes-types module path (relative to its root, no extension) -> kube-openapi definition prefix. */
function prefixFor(mod: string): string | undefined {
  if (mod === 'meta/v1') return 'io.k8s.apimachinery.pkg.apis.meta.v1';
  if (mod === 'api/resource') return 'io.k8s.apimachinery.pkg.api.resource';
  if (mod === 'runtime') return 'io.k8s.apimachinery.pkg.runtime';
  if (mod === 'version') return 'io.k8s.apimachinery.pkg.version';
  if (mod === 'apiextensions/v1') return 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1';
  const m = /^([a-z]+)\/(v\d+)$/.exec(mod); // stable versions only: alpha/beta are not served
  return m ? `io.k8s.api.${m[1]}.${m[2]}` : undefined;
}

const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';

function docOf(node: ts.Node, sf: ts.SourceFile): string | undefined {
  const ranges = ts.getLeadingCommentRanges(sf.text, node.pos) ?? [];
  const last = ranges.filter((r) => sf.text.startsWith('/**', r.pos)).pop();
  if (!last) return undefined;
  const raw = sf.text.slice(last.pos + 3, last.end - 2);
  const lines = raw.split('\n').map((l) => l.replace(/^\s*\* ?/, ''));
  const text = lines.join('\n').trim();
  return text || undefined;
}

/** client-node formats and extra fields, keyed by client-node class name. */
interface CnAttr { name: string; baseName: string; type: string; format: string }
const cnCache = new Map<string, { attrs: CnAttr[]; docs: Record<string, string>; required: Set<string> } | null>();
function clientNodeModel(className: string) {
  if (cnCache.has(className)) return cnCache.get(className)!;
  const js = path.join(cnModels, `${className}.js`);
  let result: { attrs: CnAttr[]; docs: Record<string, string>; required: Set<string> } | null = null;
  if (fs.existsSync(js)) {
    const src = fs.readFileSync(js, 'utf8');
    const m = /attributeTypeMap = (\[[\s\S]*?\]);/.exec(src);
    const attrs = m ? (JSON.parse(m[1]) as CnAttr[]) : [];
    const docs: Record<string, string> = {};
    const required = new Set<string>();
    const dts = fs.readFileSync(path.join(cnModels, `${className}.d.ts`), 'utf8');
    const re = /(?:\/\*\*([\s\S]*?)\*\/\s*)?'([^']+)'(\??):/g;
    for (let mm; (mm = re.exec(dts)); ) {
      if (mm[1]) docs[mm[2]] = mm[1].split('\n').map((l) => l.replace(/^\s*\* ?/, '')).join('\n').trim();
      if (!mm[3]) required.add(mm[2]);
    }
    result = { attrs, docs, required };
  }
  cnCache.set(className, result);
  return result;
}

function cnClassFor(mod: string, name: string) {
  const [group, version] = mod.split('/');
  if (!version) return undefined;
  const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
  for (const c of [`${cap(group)}${cap(version)}${name}`, `${cap(version)}${name}`]) {
    const m = clientNodeModel(c);
    if (m) return { className: c, model: m };
  }
  return undefined;
}

const defs: Record<string, GenSchema> = {};
/** client-node class name -> definition name, for fields only client-node knows. */
const classToDef = new Map<string, string>();

function convertType(
  t: ts.TypeNode,
  resolve: (name: string) => string | undefined,
  numberFormat: string | undefined,
): GenSchema {
  switch (t.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { type: 'string' };
    case ts.SyntaxKind.BooleanKeyword:
      return { type: 'boolean' };
    case ts.SyntaxKind.NumberKeyword:
      if (numberFormat === 'double' || numberFormat === 'float') return { type: 'number', format: 'double' };
      return { type: 'integer', format: numberFormat || 'int32' };
    case ts.SyntaxKind.LiteralType:
      return { type: 'string' };
    case ts.SyntaxKind.ArrayType:
      return { type: 'array', items: convertType((t as ts.ArrayTypeNode).elementType, resolve, numberFormat) };
    case ts.SyntaxKind.UnionType: {
      const kinds = (t as ts.UnionTypeNode).types.map((x) => x.kind);
      if (kinds.includes(ts.SyntaxKind.NumberKeyword) && kinds.includes(ts.SyntaxKind.StringKeyword)) {
        return { ref: INT_OR_STRING };
      }
      const lits = (t as ts.UnionTypeNode).types.filter(ts.isLiteralTypeNode);
      if (lits.length === kinds.length) {
        return { type: 'string', enum: lits.map((l) => (l.literal as ts.StringLiteral).text) };
      }
      return {};
    }
    case ts.SyntaxKind.TypeLiteral: {
      const idx = (t as ts.TypeLiteralNode).members.find(ts.isIndexSignatureDeclaration);
      if (idx) return { type: 'object', additionalProperties: convertType(idx.type, resolve, numberFormat) };
      return { type: 'object' };
    }
    case ts.SyntaxKind.TypeReference: {
      const ref = t as ts.TypeReferenceNode;
      const name = ref.typeName.getText();
      if (name === 'Array' && ref.typeArguments?.[0]) {
        return { type: 'array', items: convertType(ref.typeArguments[0], resolve, numberFormat) };
      }
      const def = resolve(name);
      return def ? { ref: def } : {};
    }
    default:
      return {};
  }
}

function cnTypeToSchema(type: string, format: string): GenSchema | undefined {
  if (type === 'string') return { type: 'string', ...(format ? { format } : {}) };
  if (type === 'boolean') return { type: 'boolean' };
  if (type === 'Date') return { ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.Time' };
  if (type === 'IntOrString') return { ref: INT_OR_STRING };
  if (type === 'number') {
    return format === 'double' ? { type: 'number', format: 'double' } : { type: 'integer', format: format || 'int32' };
  }
  let m = /^Array<(.+)>$/.exec(type);
  if (m) {
    const inner = cnTypeToSchema(m[1], '');
    return inner ? { type: 'array', items: inner } : undefined;
  }
  m = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (m) {
    const inner = cnTypeToSchema(m[1], '');
    return inner ? { type: 'object', additionalProperties: inner } : undefined;
  }
  const def = classToDef.get(type);
  return def ? { ref: def } : undefined;
}

function processModule(mod: string) {
  const prefix = prefixFor(mod)!;
  const file = path.join(ktRoot, `${mod}.d.ts`);
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const imports = new Map<string, string>();
  const local = new Set<string>();
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && st.importClause?.namedBindings && ts.isNamedImports(st.importClause.namedBindings)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(mod), (st.moduleSpecifier as ts.StringLiteral).text));
      const p = prefixFor(target);
      for (const el of st.importClause.namedBindings.elements) if (p) imports.set(el.name.text, `${p}.${el.name.text}`);
    }
    if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) local.add(st.name.text);
  }
  const resolve = (n: string) => (local.has(n) ? `${prefix}.${n}` : imports.get(n));
  const pending: (() => void)[] = [];
  for (const st of sf.statements) {
    if (ts.isTypeAliasDeclaration(st)) {
      const name = `${prefix}.${st.name.text}`;
      const dateTime = st.name.text === 'Time' || st.name.text === 'MicroTime';
      defs[name] = { type: 'string', ...(dateTime ? { format: st.name.text === 'Time' ? 'date-time' : 'date-time' } : {}), description: docOf(st, sf) };
    }
    if (!ts.isInterfaceDeclaration(st)) continue;
    const defName = `${prefix}.${st.name.text}`;
    const cn = cnClassFor(mod, st.name.text);
    if (cn) classToDef.set(cn.className, defName);
    const def: GenSchema = { type: 'object', description: docOf(st, sf), properties: {}, required: [] };
    for (const m of st.members) {
      if (!ts.isPropertySignature(m) || !m.type) continue;
      const pname = ts.isStringLiteral(m.name) ? m.name.text : m.name.getText();
      const attr = cn?.model.attrs.find((a) => a.baseName === pname);
      const schema = convertType(m.type, resolve, attr?.format);
      // client-node puts a map's or list's value format (e.g. Secret.data: byte) on the field itself.
      if (attr?.format) {
        let inner: GenSchema = schema;
        while (inner.type === 'array' || (inner.type === 'object' && inner.additionalProperties)) {
          inner = (inner.items ?? inner.additionalProperties)!;
        }
        if (inner.type === 'string') inner.format = attr.format;
      }
      delete schema.enum; // literal apiVersion/kind types are not enums in the real spec
      const d = docOf(m, sf);
      if (d) schema.description = d;
      def.properties![pname] = schema;
      if (!m.questionToken) def.required!.push(pname);
    }
    // Fields newer than kubernetes-types: take them from client-node once every class is mapped.
    if (cn) {
      pending.push(() => {
        for (const a of cn.model.attrs) {
          if (def.properties![a.baseName]) continue;
          const s = cnTypeToSchema(a.type, a.format);
          if (!s) continue;
          if (cn.model.docs[a.baseName]) s.description = cn.model.docs[a.baseName];
          def.properties![a.baseName] = s;
        }
      });
    }
    const lit = (p: string) => {
      const m = st.members.find((x) => ts.isPropertySignature(x) && x.name.getText() === p) as ts.PropertySignature | undefined;
      return m?.type && ts.isLiteralTypeNode(m.type) && ts.isStringLiteral(m.type.literal) ? m.type.literal.text : undefined;
    };
    const apiVersion = lit('apiVersion');
    const kind = lit('kind');
    if (apiVersion && kind) {
      const [g, v] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
      def.gvk = [{ group: g, version: v, kind }];
    }
    if (!def.required!.length) delete def.required;
    if (!Object.keys(def.properties!).length) delete def.properties;
    defs[defName] = def;
  }
  return pending;
}

const modules = ['meta/v1', 'api/resource', 'runtime', 'version'];
for (const dir of fs.readdirSync(ktRoot)) {
  const d = path.join(ktRoot, dir);
  if (!fs.statSync(d).isDirectory() || dir === 'meta' || dir === 'api') continue;
  for (const f of fs.readdirSync(d)) {
    const mod = `${dir}/${f.replace(/\.d\.ts$/, '')}`;
    if (f.endsWith('.d.ts') && prefixFor(mod)) modules.push(mod);
  }
}
const pending = modules.flatMap(processModule);
for (const p of pending) p();

// Types kubernetes-types models as plain TS unions/any: give them their kube-openapi shapes.
defs[INT_OR_STRING] = {
  type: 'string',
  format: 'int-or-string',
  description:
    'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.',
};
for (const n of ['io.k8s.apimachinery.pkg.runtime.RawExtension', 'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1']) {
  defs[n] = { type: 'object', description: defs[n]?.description };
}
defs['io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON'] = {
  description: defs['io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON']?.description,
};
for (const n of ['JSONSchemaPropsOrArray', 'JSONSchemaPropsOrBool', 'JSONSchemaPropsOrStringArray']) {
  const k = `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.${n}`;
  defs[k] = { description: defs[k]?.description };
}

// meta/v1 kinds that every group's endpoints return or accept (kubectl looks Status/DeleteOptions up by GVK).
for (const k of ['Status', 'DeleteOptions', 'WatchEvent', 'APIResourceList', 'APIGroupList', 'APIGroup', 'APIVersions']) {
  const n = `io.k8s.apimachinery.pkg.apis.meta.v1.${k}`;
  if (defs[n]) defs[n].gvk = [{ group: '', version: 'v1', kind: k }];
}

const sorted = Object.fromEntries(Object.keys(defs).sort().map((k) => [k, defs[k]]));
fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(outFile, JSON.stringify(sorted));
console.log(`${Object.keys(sorted).length} definitions -> ${outFile} (${fs.statSync(outFile).size} bytes)`);
