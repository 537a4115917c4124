import fs from 'node:fs';
import YAML from 'yaml';
import { loadHelpers } from '../../server/sandbox/apiserver/helpers';
const h = await loadHelpers();
const live = JSON.parse(fs.readFileSync('/tmp/sbx/live.json','utf8'));
const applied = YAML.parse(fs.readFileSync('/tmp/sbx/d.yaml','utf8'));
const nav = h.openapi!.schemaNavigator({group:'apps',version:'v1',kind:'Deployment'}, []);
const r = h.patch!.serverSideApply(live, applied, {manager:'kubectl', force:true, nav, now: new Date().toISOString()});
console.log(JSON.stringify(r.spec.template.metadata));
