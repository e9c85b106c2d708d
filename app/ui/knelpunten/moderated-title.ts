/**
 * The title of a knelpunt or measure as a reader sees it: its words, or
 * "Verborgen knelpunt" / "Verborgen maatregel" when moderation hid them from
 * this viewer (the loader then sends "" in place of the words; see
 * app/domain/moderation/view.ts).
 */
import { MODERATION_KIND_KEYS } from "~/domain/moderation/states";
import { useT } from "~/i18n";

export type TitledKind = "knelpunt" | "measure";

/** `shownTitle(kind, title, shown)`: the title, or the hidden title when `shown` is false. */
export function useShownTitle() {
  const t = useT();
  return (kind: TitledKind, title: string, shown: boolean) => (shown ? title : t("moderation.hiddenTitle", { kind: t(MODERATION_KIND_KEYS[kind]) }));
}
