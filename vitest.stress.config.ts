import { defineConfig } from "vitest/config";

/**
 * The long reliability tests (`npm run test:stress`, also run by .ci/run):
 * crash rounds, parallel votes over HTTP, sign-in abuse, backups. They start
 * the production build (`npm run build` first) as a real server process on
 * their own port and database, so they run one file at a time.
 * See docs/reliability.md for what each proves.
 */
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    include: ["test/stress/**/*.test.ts"],
    environment: "node",
    setupFiles: ["test/support/setup.ts"],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
