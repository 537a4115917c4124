/**
 * The person behind a request's Cookie header, for what answers outside the API routes' auth hook (the overview
 * page's server render): the service identity with `--auth none`, else the session's person, or undefined when
 * there is no valid session (the page then loads as a signed-out browser would).
 */
import cookie from '@fastify/cookie';
import { SESSION_COOKIE } from '../../lib/auth-types';
import type { AuthContext } from './context';
import { SERVICE_IDENTITY, type Identity } from './identity';
import { identityOf } from './session';

export async function identityFromCookie(ctx: AuthContext, header: string | undefined): Promise<Identity | undefined> {
  if (ctx.mode === 'none') return SERVICE_IDENTITY;
  const value = header ? cookie.parse(header)[SESSION_COOKIE] : undefined;
  if (!value || !ctx.sessions) return undefined;
  const s = await ctx.sessions.open(value);
  return s ? identityOf(s) : undefined;
}
