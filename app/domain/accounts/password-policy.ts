import type { MessageKey } from "~/i18n";
import { COMMON_PASSWORDS } from "./common-passwords";
import { PASSWORD_MAX, PASSWORD_MIN } from "./password-policy-limits";

export { PASSWORD_MAX, PASSWORD_MIN };

/**
 * The rule for a new password, as NIST SP 800-63B advises: 8 to 256
 * characters (counted as people see them), no composition rules, and not one
 * of the most common passwords. Returns the problem, or null when fine.
 */
export function passwordProblem(password: string): MessageKey | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return "error.passwordTooShort";
  if (length > PASSWORD_MAX) return "error.passwordTooLong";
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return "error.passwordCommon";
  return null;
}
