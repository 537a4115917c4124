/**
 * Errors of the patch functions: plain Errors carrying the metav1.Status fields, so the HTTP layer
 * (apiserver/errors.ts toStatusError) can answer with the code and reason a real apiserver sends.
 */

export interface PatchCause {
  reason?: string;
  message?: string;
  field?: string;
}

export type PatchError = Error & { status: number; reason: string; causes?: PatchCause[] };

export function patchError(status: number, reason: string, message: string, causes?: PatchCause[]): PatchError {
  return Object.assign(new Error(message), { status, reason, ...(causes ? { causes } : {}) });
}

export function badRequest(message: string): PatchError {
  return patchError(400, 'BadRequest', message);
}

/**
 * kube-apiserver's NewGenericServerResponse(422, ...): the fixed message with the library's own
 * text as an UnexpectedServerResponse cause (json-patch apply failures, some strategic errors).
 */
export function genericInvalid(detail: string): PatchError {
  return patchError(422, 'Invalid', 'the server rejected our request due to an error in our request', [
    { reason: 'UnexpectedServerResponse', message: detail },
  ]);
}

/** Plain Go errors surface as 500 with an empty (Unknown) reason and the error text as message. */
export function unknownError(message: string): PatchError {
  return patchError(500, '', message);
}
