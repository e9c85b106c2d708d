import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

export default defineConfig({
  resolve: { tsconfigPaths: true },
  plugins: [reactRouter()],
  build: { target: "es2022" },
  environments: {
    // The server bundle's entry is our Express app (app/server.ts), which
    // mounts React Router's request handler.
    ssr: { build: { rollupOptions: { input: "./app/server.ts" } } },
  },
});
