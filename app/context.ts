import { createContext } from "react";
import { createContext as createRouterContext } from "react-router";

/** What the HTTP server knows about a request that loaders and actions need. */
export type RequestInfo = {
  /** The CSP nonce of this response. */
  nonce: string;
  /** The client's address (from X-Forwarded-For only when TRUST_PROXY=true). */
  ip: string;
};

export const requestInfoContext = createRouterContext<RequestInfo>({ nonce: "", ip: "unknown" });

/** The nonce for inline scripts during server rendering (empty in the browser). */
export const NonceContext = createContext("");
