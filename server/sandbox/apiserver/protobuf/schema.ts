/**
 * The protobuf schema kubectl's `create <kind>` bodies are written in: .proto files in ./proto (subsets of
 * k8s.io/api's and apimachinery's generated.proto, field numbers copied from upstream), loaded once into a
 * protobufjs Root. Files are read lazily so importing this module costs nothing until a protobuf body arrives.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

/** Dependency order does not matter to protobufjs (names resolve at resolveAll), but keep it readable. */
const PROTO_FILES = [
  'runtime.proto',
  'resource.proto',
  'intstr.proto',
  'meta-v1.proto',
  'core-v1.proto',
  'apps-v1.proto',
  'batch-v1.proto',
  'rbac-v1.proto',
  'networking-v1.proto',
  'policy-v1.proto',
  'scheduling-v1.proto',
  'authentication-v1.proto',
  'authorization-v1.proto',
  'autoscaling-v1.proto',
];

export const UNKNOWN_TYPE = 'k8s.io.apimachinery.pkg.runtime.Unknown';

/** apiVersion + "/" + kind → fully qualified message name of the object. */
export const KIND_TYPES: Readonly<Record<string, string>> = {
  'v1/Namespace': 'k8s.io.api.core.v1.Namespace',
  'v1/Pod': 'k8s.io.api.core.v1.Pod',
  'v1/ConfigMap': 'k8s.io.api.core.v1.ConfigMap',
  'v1/Secret': 'k8s.io.api.core.v1.Secret',
  'v1/Service': 'k8s.io.api.core.v1.Service',
  'v1/ServiceAccount': 'k8s.io.api.core.v1.ServiceAccount',
  'v1/ResourceQuota': 'k8s.io.api.core.v1.ResourceQuota',
  'apps/v1/Deployment': 'k8s.io.api.apps.v1.Deployment',
  'apps/v1/ReplicaSet': 'k8s.io.api.apps.v1.ReplicaSet',
  'batch/v1/Job': 'k8s.io.api.batch.v1.Job',
  'batch/v1/CronJob': 'k8s.io.api.batch.v1.CronJob',
  'rbac.authorization.k8s.io/v1/Role': 'k8s.io.api.rbac.v1.Role',
  'rbac.authorization.k8s.io/v1/ClusterRole': 'k8s.io.api.rbac.v1.ClusterRole',
  'rbac.authorization.k8s.io/v1/RoleBinding': 'k8s.io.api.rbac.v1.RoleBinding',
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': 'k8s.io.api.rbac.v1.ClusterRoleBinding',
  'networking.k8s.io/v1/Ingress': 'k8s.io.api.networking.v1.Ingress',
  'policy/v1/PodDisruptionBudget': 'k8s.io.api.policy.v1.PodDisruptionBudget',
  'scheduling.k8s.io/v1/PriorityClass': 'k8s.io.api.scheduling.v1.PriorityClass',
  // `kubectl create token` POSTs this to serviceaccounts/<name>/token
  'authentication.k8s.io/v1/TokenRequest': 'k8s.io.api.authentication.v1.TokenRequest',
  // `kubectl auth can-i [--list]` and `kubectl auth whoami`
  'authorization.k8s.io/v1/SelfSubjectAccessReview': 'k8s.io.api.authorization.v1.SelfSubjectAccessReview',
  'authorization.k8s.io/v1/SelfSubjectRulesReview': 'k8s.io.api.authorization.v1.SelfSubjectRulesReview',
  'authorization.k8s.io/v1/SubjectAccessReview': 'k8s.io.api.authorization.v1.SubjectAccessReview',
  'authentication.k8s.io/v1/SelfSubjectReview': 'k8s.io.api.authentication.v1.SelfSubjectReview',
  // `kubectl autoscale` (1.32) POSTs an autoscaling/v1 HPA; Scale is the scale subresource's body
  'autoscaling/v1/HorizontalPodAutoscaler': 'k8s.io.api.autoscaling.v1.HorizontalPodAutoscaler',
  'autoscaling/v1/Scale': 'k8s.io.api.autoscaling.v1.Scale',
};

let root: protobuf.Root | undefined;

/** The resolved schema (every type reference checked at load, so a typo in a .proto fails loudly here). */
export function schemaRoot(): protobuf.Root {
  if (root) return root;
  const r = new protobuf.Root();
  for (const file of PROTO_FILES) {
    const text = readFileSync(fileURLToPath(new URL(`./proto/${file}`, import.meta.url)), 'utf8');
    // keepCase: the proto field names are the JSON names already (apart from the quirks in json-rules.ts)
    protobuf.parse(text, r, { keepCase: true });
  }
  r.resolveAll();
  root = r;
  return r;
}

export function lookupType(fullName: string): protobuf.Type {
  return schemaRoot().lookupType(fullName);
}

/** The message type for an apiVersion/kind, or undefined when kubectl can't be decoded for it. */
export function typeForKind(apiVersion: string, kind: string): protobuf.Type | undefined {
  const name = KIND_TYPES[`${apiVersion}/${kind}`];
  return name ? lookupType(name) : undefined;
}
