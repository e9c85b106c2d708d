import { type RouteConfig, index, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("over", "routes/content-page.tsx", { id: "content/over" }),
  route("gedragscode", "routes/content-page.tsx", { id: "content/gedragscode" }),
  route("privacy", "routes/content-page.tsx", { id: "content/privacy" }),
  route("toegankelijkheid", "routes/content-page.tsx", { id: "content/toegankelijkheid" }),

  route("registreren", "routes/auth/signup.tsx"),
  route("verifieren", "routes/auth/verify.tsx"),
  route("inloggen", "routes/auth/login.tsx"),
  route("uitloggen", "routes/auth/logout.tsx"),
  route("wachtwoord-vergeten", "routes/auth/forgot.tsx"),
  route("wachtwoord-herstellen", "routes/auth/reset.tsx"),
  route("account", "routes/account.tsx"),
  route("taal", "routes/language.tsx"),

  route("beheer/accounts", "routes/admin/accounts.tsx"),
  route("mail", "routes/mail.tsx"),

  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
