import type { NextConfig } from 'next';

// The BFF (server/main.ts) is a custom server, so `output: 'standalone'` is not used (see README).
const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // server/ is never bundled into the app: everything cluster-facing lives in the custom server process.
  typedRoutes: false,
};

export default nextConfig;
