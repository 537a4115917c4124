/** Request bodies of the debug-container and node-shell routes, and their answers (shared by BFF and UI). */
import { z } from 'zod';
import '../zod-browser';
import { k8sName } from '../protocol';

export const DEFAULT_DEBUG_IMAGE = 'busybox:1.36';

/** An image reference: [registry/]path[:tag][@digest]; no spaces, no shell characters. */
export const imageRef = z
  .string()
  .trim()
  .min(1, 'an image is needed')
  .max(512)
  .regex(/^[a-z0-9]+([._\-/:@a-z0-9]*[a-z0-9])?$/i, 'not an image reference (e.g. busybox:1.36)');

export const debugRequest = z.object({
  image: imageRef.default(DEFAULT_DEBUG_IMAGE),
  /** the container whose process namespace the debug container joins */
  target: k8sName.max(63).optional(),
});
export type DebugRequest = z.input<typeof debugRequest>;
export const debugResponse = z.object({ container: k8sName });

export const nodeShellRequest = z.object({
  image: imageRef.default(DEFAULT_DEBUG_IMAGE),
  namespace: k8sName.max(63).default('default'),
});
export const nodeShellResponse = z.object({ namespace: k8sName, pod: k8sName, container: k8sName });
