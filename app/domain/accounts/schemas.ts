import { z } from "zod";
import { ROLES } from "./roles";
import { PASSWORD_MAX, PASSWORD_MIN } from "./password-policy-limits";

const email = z
  .string({ error: "error.emailInvalid" })
  .trim()
  .toLowerCase()
  .max(254, { error: "error.emailTooLong" })
  .pipe(z.email({ error: "error.emailInvalid" }));

const newPassword = z
  .string({ error: "error.passwordTooShort" })
  .refine((value) => [...value].length >= PASSWORD_MIN, { error: "error.passwordTooShort" })
  .refine((value) => [...value].length <= PASSWORD_MAX, { error: "error.passwordTooLong" });

const displayName = z
  .string({ error: "error.displayNameTooShort" })
  .trim()
  .min(2, { error: "error.displayNameTooShort" })
  .max(50, { error: "error.displayNameTooLong" });

const wijk = z
  .string()
  .trim()
  .max(80, { error: "error.wijkTooLong" })
  .optional()
  .transform((value) => (value ? value : null));

const code = z
  .string({ error: "error.codeInvalid" })
  .transform((value) => value.replace(/[\s-]/g, ""))
  .pipe(z.string().regex(/^\d{8}$/, { error: "error.codeInvalid" }));

export const signUpSchema = z.object({
  email,
  password: newPassword,
  displayName,
  wijk,
  acceptConduct: z.literal("on", { error: "error.conductRequired" }),
});
export type SignUpInput = z.output<typeof signUpSchema>;

export const verifySchema = z.object({ email, code });

export const resendSchema = z.object({ email });

export const logInSchema = z.object({
  email,
  password: z.string({ error: "error.passwordRequired" }).min(1, { error: "error.passwordRequired" }).max(1024, { error: "error.passwordTooLong" }),
});

export const forgotSchema = z.object({ email });

export const resetSchema = z.object({ email, code, password: newPassword });

export const profileSchema = z.object({ displayName, wijk });

export const changePasswordSchema = z.object({
  currentPassword: z.string({ error: "error.passwordRequired" }).min(1, { error: "error.passwordRequired" }).max(1024, { error: "error.passwordTooLong" }),
  password: newPassword,
});

export const changeRoleSchema = z
  .object({
    userId: z.string().min(1).max(64),
    role: z.enum(ROLES, { error: "error.roleInvalid" }),
    organisation: z
      .string()
      .trim()
      .max(100, { error: "error.organisationTooLong" })
      .optional()
      .transform((value) => (value ? value : null)),
  })
  .refine((value) => value.role !== "ambtenaar" || value.organisation, {
    error: "error.organisationRequired",
    path: ["organisation"],
  });
