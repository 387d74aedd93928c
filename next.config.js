/** @type {import('next').NextConfig} */
const nextConfig = {
  // WASM and native pieces stay outside the bundle and load from node_modules at run time.
  serverExternalPackages: [
    '@electric-sql/pglite',
    'pglite-prisma-adapter',

    '@prisma/adapter-pg',
    'pg',
    '@node-rs/argon2',
  ],
  experimental: { strictRouteTypes: true },
};

export default nextConfig;
