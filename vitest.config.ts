import { defineConfig } from "vitest/config";

/**
 * Unit and integration tests. Kept apart from vite.config.ts on purpose: the
 * React Router plugin is not needed (and not wanted) to test plain modules.
 * Browser tests live in test/e2e and run with Playwright.
 */
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    include: ["test/unit/**/*.test.ts", "test/integration/**/*.test.ts"],
    environment: "node",
    // Gives every test file (and so every worker) its own fresh SQLite file.
    setupFiles: ["test/support/setup.ts"],
    // argon2 hashing is slow by design; leave headroom on a 2-core machine.
    testTimeout: 20_000,
  },
});
