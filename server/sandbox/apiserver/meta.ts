/** Small shared helpers: timestamps, names, deep equality, object validation of metadata. */
import { randomBytes } from 'node:crypto';
import type { KObject } from '../types';
import type { StatusCause } from './errors';

let nowSec = -1;
let nowStr = '';

/** RFC 3339 at second precision; formatted once per second (every write stamps a time). */
export function nowRfc3339(): string {
  const sec = Math.floor(Date.now() / 1000);
  if (sec !== nowSec) {
    nowSec = sec;
    nowStr = new Date(sec * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  return nowStr;
}

const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

/** Upstream's SimpleNameGenerator: 5 random characters from an unambiguous alphabet. */
export function generateSuffix(): string {
  const b = randomBytes(5);
  let s = '';
  for (let i = 0; i < 5; i++) s += NAME_CHARS[b[i] % NAME_CHARS.length];
  return s;
}

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Kinds whose names must be DNS labels (no dots), as upstream validates them. */
const LABEL_NAMED = new Set(['/Namespace', '/Service']);

export function validateName(o: KObject, group: string): StatusCause[] {
  const name = o.metadata.name ?? '';
  if (!name) return [{ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' }];
  if (LABEL_NAMED.has(`${group}/${o.kind}`)) {
    if (name.length > 63 || !LABEL.test(name)) {
      return [
        {
          reason: 'FieldValueInvalid',
          message: `Invalid value: "${name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
          field: 'metadata.name',
        },
      ];
    }
  } else if (name.length > 253 || !SUBDOMAIN.test(name)) {
    return [
      {
        reason: 'FieldValueInvalid',
        message: `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
        field: 'metadata.name',
      },
    ];
  }
  return [];
}

/** Pod QoS class from container resources (simplified upstream rule). */
export function qosClass(pod: KObject): string {
  const cs = ((pod.spec as { containers?: { resources?: { limits?: Record<string, string>; requests?: Record<string, string> } }[] })
    ?.containers ?? []);
  let any = false;
  let guaranteed = cs.length > 0;
  for (const c of cs) {
    const l = c.resources?.limits ?? {};
    const r = c.resources?.requests ?? {};
    if (Object.keys(l).length || Object.keys(r).length) any = true;
    for (const res of ['cpu', 'memory']) {
      if (!l[res] || (r[res] && r[res] !== l[res])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

export function userAgentManager(ua: string | undefined): string {
  // a real API server uses the User-Agent's program name ("kubectl", "kubectl-client-side-apply" come via ?fieldManager=)
  const first = (ua ?? '').split('/')[0].trim();
  return first ? first.slice(0, 128) : 'unknown';
}
