import type { NextConfig } from 'next';
import { securityHeaders } from './lib/security-headers';

// The BFF (server/main.ts) is a custom server, so `output: 'standalone'` is not used (see README).
const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // server/ is never bundled into the app: everything cluster-facing lives in the custom server process.
  typedRoutes: false,
  // the same CSP and headers as /api (server/http.ts); evaluated at build time for production
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders({ dev: process.env.NODE_ENV === 'development' }) }];
  },
};

export default nextConfig;
