import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);

/**
 * Browser tests against the production build (`npm run build` first), served
 * by server.js on its own port with a fresh database seeded with the demo.
 * Chromium is Debian's (/usr/bin/chromium); Playwright never downloads one.
 */
export default defineConfig({
  testDir: "test/e2e",
  outputDir: `.tmp/test-results-${PORT}`,
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 5_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: "nl-NL",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `rm -rf .tmp/e2e-${PORT} && node server.js`,
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    env: {
      PORT: String(PORT),
      HOST: "127.0.0.1",
      DATABASE_PATH: `.tmp/e2e-${PORT}/veranderlab.db`,
      BUILD_DIR: process.env.BUILD_DIR ?? "build",
      SEED_DEMO: "true",
      // Each test sends its own X-Forwarded-For, so tests are separate clients
      // for the rate limits (which stay on).
      TRUST_PROXY: "true",
      NODE_ENV: "test",
    },
  },
});
