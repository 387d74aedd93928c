/** @type {import('next').NextConfig} */
const nextConfig = {
  // WASM and native pieces stay outside the bundle and load from node_modules at run time.
  serverExternalPackages: [
    '@electric-sql/pglite',
    'pglite-prisma-adapter',

    '@prisma/adapter-pg',
    'pg',
  ],
  experimental: { strictRouteTypes: true },
};

export default nextConfig;
