import type { Role } from "~/domain/accounts/roles";
import { guardRole, guardUser } from "./guards";
import { getSession, type ValidSession } from "./session.server";

export function requireUser(request: Request): ValidSession {
  return guardUser(getSession(request), new URL(request.url));
}

export function requireRole(request: Request, ...roles: Role[]): ValidSession {
  return guardRole(getSession(request), new URL(request.url), roles);
}
