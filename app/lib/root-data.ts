import { useRouteLoaderData } from "react-router";
import type { Locale, MessageKey, Vars } from "~/i18n";
import type { Role } from "~/domain/accounts/roles";

/** What the root loader gives every page (see app/root.tsx). */
export type RootData = {
  locale: Locale;
  user: { displayName: string; role: Role; needsCodeOfConduct: boolean } | null;
  flash: { key: MessageKey; vars?: Vars } | null;
  mailPreview: boolean;
};

export function useRootData(): RootData | undefined {
  return useRouteLoaderData("root") as RootData | undefined;
}
