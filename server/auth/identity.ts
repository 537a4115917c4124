/**
 * CONTRACT: who a request acts for. Written by the lead; server/auth (sessions), server/k8s/client.ts
 * (upstream headers), server/api/* and server/watch/* (per-request / per-subscriber authorization) all use it.
 *
 * - `user`: a local user from the users file. The BFF calls the cluster with ITS OWN credentials plus
 *   Impersonate-User: <username> and one Impersonate-Group: <g> per group (never system:authenticated: the API server
 *   adds it). Each cluster's RBAC decides.
 * - `token`: token login. The BFF calls the cluster with `Authorization: Bearer <token>` INSTEAD of the kubeconfig's
 *   credentials (no client certificate, no exec plugin, no impersonation headers). `username`/`groups` come from a
 *   SelfSubjectReview made with the token at login.
 * - `service`: `--auth none` (single user on loopback) and internal work (shared informers, discovery, summary):
 *   the kubeconfig's own identity, nothing added.
 *
 * Fastify requests carry `req.identity` (set by the auth plugin's onRequest hook, before any route runs);
 * socket.io sockets carry `socket.data.identity` (set by the handshake middleware). Code that talks to a cluster
 * for a person MUST use `registry.client(cluster).as(identity)`; the bare client is the BFF's service identity.
 */
export type Identity =
  | { kind: 'user'; username: string; groups: string[]; admin: boolean }
  | { kind: 'token'; username: string; groups: string[]; token: string }
  | { kind: 'service' };

export const SERVICE_IDENTITY: Identity = Object.freeze({ kind: 'service' }) as Identity;

/** The name written to audit lines and shown in the UI. */
export function displayName(id: Identity): string {
  return id.kind === 'service' ? 'local' : id.username;
}

/** Stable cache key for per-identity caches (access reviews). Never contains the token itself. */
export function identityKey(id: Identity): string {
  if (id.kind === 'service') return 'service';
  if (id.kind === 'user') return `user:${id.username}:${[...id.groups].sort().join(',')}`;
  // a hash of the token, so two tokens of one service account do not share answers they might not deserve
  return `token:${id.username}:${tokenDigest(id.token)}`;
}

import { createHash } from 'node:crypto';
function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('base64url').slice(0, 22);
}

declare module 'fastify' {
  interface FastifyRequest {
    identity: Identity;
  }
}
