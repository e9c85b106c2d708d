import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import { reactRouter } from "@react-router/dev/vite";
import { defineConfig, type Plugin } from "vite";

const SERVER_CATALOGS = fileURLToPath(new URL("./app/i18n/catalogs.ts", import.meta.url));
const BROWSER_CATALOGS = fileURLToPath(new URL("./app/i18n/catalogs.client.ts", import.meta.url));

/**
 * The browser build gets app/i18n/catalogs.client.ts wherever the code asks
 * for app/i18n/catalogs.ts: a page brings the texts it shows, and the rest of
 * one language comes later, instead of every text of both languages in the
 * first JavaScript (about 43 kB compressed). See both modules, and
 * test/e2e/js-budget.spec.ts for the budget this keeps.
 */
function browserCatalogs(): Plugin {
  return {
    name: "veranderlab:browser-catalogs",
    enforce: "pre",
    applyToEnvironment: (environment) => environment.name === "client",
    async resolveId(source, importer, options) {
      if (!importer || !source.endsWith("catalogs")) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved?.id === SERVER_CATALOGS ? BROWSER_CATALOGS : null;
    },
  };
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Next to every script, style sheet and SVG of the browser build, the same
 * file compressed once at the highest level: `name.br` (brotli 11) and
 * `name.gz` (gzip 9), for a server that sends them instead of compressing
 * each response again (brotli 11 sends about 13% less JavaScript than the
 * on-the-fly compression). Only written when smaller.
 */
function precompressedAssets(): Plugin {
  return {
    name: "veranderlab:precompressed-assets",
    apply: "build",
    applyToEnvironment: (environment) => environment.name === "client",
    async writeBundle(options, bundle) {
      const dir = options.dir;
      if (!dir) return;
      await Promise.all(
        Object.keys(bundle)
          .filter((file) => /\.(js|css|svg|json)$/.test(file))
          .map(async (file) => {
            const path = join(dir, file);
            const content = await readFile(path);
            if (content.length < 1024) return;
            const [br, gz] = await Promise.all([
              brotli(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }),
              gzipAsync(content, { level: 9 }),
            ]);
            await Promise.all([
              br.length < content.length ? writeFile(`${path}.br`, br) : null,
              gz.length < content.length ? writeFile(`${path}.gz`, gz) : null,
            ]);
          }),
      );
    },
  };
}

export default defineConfig({
  resolve: { tsconfigPaths: true },
  plugins: [browserCatalogs(), reactRouter(), precompressedAssets()],
  build: { target: "es2022" },
  environments: {
    client: {
      build: {
        rolldownOptions: {
          output: {
            codeSplitting: {
              groups: [
                // React, React DOM and React Router in one file: every page needs them, and
                // its name changes only when they are updated, so browsers keep it cached.
                { name: "framework", test: /node_modules[\\/](react|react-dom|react-router|scheduler|cookie|set-cookie-parser)[\\/]/, priority: 10 },
                // The small modules nearly every page uses, in one file instead of several.
                { name: "app", test: /[\\/]app[\\/](context\.ts|i18n[\\/](index|catalogs)|lib[\\/]root-data|ui[\\/](components|use-hydrated))/, priority: 5 },
              ],
            },
          },
        },
      },
    },
    // The server bundle's entry is our Express app (app/server.ts), which
    // mounts React Router's request handler.
    ssr: { build: { rollupOptions: { input: "./app/server.ts" } } },
  },
});
