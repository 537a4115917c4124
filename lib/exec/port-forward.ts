/** Port-forwards as the BFF lists them (GET /api/portforwards) and the request that starts one. */
import { z } from 'zod';
import '../zod-browser';

export const portForwardInfo = z.object({
  id: z.string(),
  cluster: z.string(),
  namespace: z.string(),
  pod: z.string(),
  port: z.number().int(),
  localPort: z.number().int(),
  user: z.string(),
  started: z.string(),
  connections: z.number().int(),
});
export type PortForwardInfo = z.infer<typeof portForwardInfo>;

export const portForwardList = z.object({
  /** false when the console does not listen on loopback (or WHEELHOUSE_PORT_FORWARD=never) */
  enabled: z.boolean(),
  items: z.array(portForwardInfo),
});

export const portForwardRequest = z.object({
  port: z.number().int().min(1).max(65535),
  /** 0 or absent: any free local port */
  localPort: z.number().int().min(0).max(65535).optional(),
});
