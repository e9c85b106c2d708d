/**
 * The version of the code of conduct (content/gedragscode.md and its English
 * twin end with "Versie N" / "Version N"). Raise it when the text changes in
 * substance: everyone then accepts the new version at their next contribution.
 */
export const CODE_OF_CONDUCT_VERSION = 2;

/** Whether someone who accepted `accepted` (or nothing) must accept the current version first. */
export function needsCodeOfConduct(accepted: number | null | undefined): boolean {
  return (accepted ?? 0) < CODE_OF_CONDUCT_VERSION;
}
