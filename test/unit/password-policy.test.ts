import { describe, expect, it } from "vitest";
import { PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from "~/domain/accounts/password-policy";
import { changeRoleSchema, signUpSchema } from "~/domain/accounts/schemas";

describe("passwordProblem", () => {
  it("refuses 7 characters and accepts 8", () => {
    expect(PASSWORD_MIN).toBe(8);
    expect(passwordProblem("kx7#pq2")).toBe("error.passwordTooShort");
    expect(passwordProblem("kx7#pq2z")).toBeNull();
  });

  it("accepts 256 characters and refuses 257", () => {
    expect(PASSWORD_MAX).toBe(256);
    expect(passwordProblem("ab".repeat(128))).toBeNull();
    expect(passwordProblem("ab".repeat(128) + "c")).toBe("error.passwordTooLong");
  });

  it("counts characters as people see them (code points), not UTF-16 units", () => {
    // 7 emoji are 14 UTF-16 units but 7 characters: too short.
    expect(passwordProblem("🐸🦉🐝🦊🐢🐙🦔")).toBe("error.passwordTooShort");
    expect(passwordProblem("🐸🦉🐝🦊🐢🐙🦔🐧")).toBeNull();
    // 256 emoji are 512 UTF-16 units but 256 characters: allowed.
    expect(passwordProblem("🐸".repeat(256))).toBeNull();
    expect(passwordProblem("🐸".repeat(257))).toBe("error.passwordTooLong");
  });

  it("refuses common passwords, whatever their case", () => {
    expect(passwordProblem("Wachtwoord123")).toBe("error.passwordCommon");
    expect(passwordProblem("wachtwoord123")).toBe("error.passwordCommon");
    expect(passwordProblem("password1")).toBe("error.passwordCommon");
    expect(passwordProblem("PASSWORD1")).toBe("error.passwordCommon");
    expect(passwordProblem("12345678")).toBe("error.passwordCommon");
  });

  it("accepts a passphrase, without composition rules", () => {
    expect(passwordProblem("fiets tegen de wind in")).toBeNull();
    expect(passwordProblem("alleenkleineletters")).toBeNull();
  });
});

describe("signUpSchema", () => {
  const valid = {
    email: "  Sanne.Bakker@Example.NL ",
    password: "fiets tegen de wind in",
    displayName: " Sanne ",
    wijk: "Oosterparkwijk",
    acceptConduct: "on",
  };

  function issues(input: Record<string, unknown>) {
    const result = signUpSchema.safeParse(input);
    expect(result.success).toBe(false);
    return result.error!.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  }

  it("trims and lower-cases the email, and trims the name", () => {
    const result = signUpSchema.parse(valid);
    expect(result.email).toBe("sanne.bakker@example.nl");
    expect(result.displayName).toBe("Sanne");
    expect(result.wijk).toBe("Oosterparkwijk");
  });

  it("refuses an invalid email with error.emailInvalid", () => {
    for (const email of ["sanne", "sanne@", "@example.nl", "sanne bakker@example.nl", ""]) {
      expect(issues({ ...valid, email })).toContainEqual({ path: "email", message: "error.emailInvalid" });
    }
    expect(issues({ ...valid, email: undefined })).toContainEqual({ path: "email", message: "error.emailInvalid" });
  });

  it("requires the code of conduct to be accepted", () => {
    expect(issues({ ...valid, acceptConduct: undefined })).toContainEqual({
      path: "acceptConduct",
      message: "error.conductRequired",
    });
    expect(issues({ ...valid, acceptConduct: "off" })).toContainEqual({
      path: "acceptConduct",
      message: "error.conductRequired",
    });
  });

  it("makes the wijk optional: missing or blank becomes null", () => {
    expect(signUpSchema.parse({ ...valid, wijk: undefined }).wijk).toBeNull();
    expect(signUpSchema.parse({ ...valid, wijk: "   " }).wijk).toBeNull();
    expect(signUpSchema.parse({ ...valid, wijk: " De Hoogte " }).wijk).toBe("De Hoogte");
  });

  it("checks the password length the same way as the policy", () => {
    expect(issues({ ...valid, password: "kort" })).toContainEqual({ path: "password", message: "error.passwordTooShort" });
    expect(issues({ ...valid, password: "🐸".repeat(257) })).toContainEqual({
      path: "password",
      message: "error.passwordTooLong",
    });
    expect(signUpSchema.safeParse({ ...valid, password: "🐸".repeat(256) }).success).toBe(true);
  });
});

describe("changeRoleSchema", () => {
  it("requires an organisation for an ambtenaar", () => {
    const result = changeRoleSchema.safeParse({ userId: "u1", role: "ambtenaar", organisation: "  " });
    expect(result.success).toBe(false);
    expect(result.error!.issues).toContainEqual(
      expect.objectContaining({ path: ["organisation"], message: "error.organisationRequired" }),
    );
    expect(changeRoleSchema.safeParse({ userId: "u1", role: "ambtenaar" }).success).toBe(false);
  });

  it("accepts an ambtenaar with an organisation, and other roles without one", () => {
    expect(changeRoleSchema.parse({ userId: "u1", role: "ambtenaar", organisation: " Politie Oost " })).toEqual({
      userId: "u1",
      role: "ambtenaar",
      organisation: "Politie Oost",
    });
    expect(changeRoleSchema.parse({ userId: "u1", role: "projectleider" })).toEqual({
      userId: "u1",
      role: "projectleider",
      organisation: null,
    });
  });

  it("refuses an unknown role", () => {
    const result = changeRoleSchema.safeParse({ userId: "u1", role: "koning" });
    expect(result.success).toBe(false);
    expect(result.error!.issues).toContainEqual(expect.objectContaining({ path: ["role"], message: "error.roleInvalid" }));
  });
});
