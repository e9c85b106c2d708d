import { type RouteConfig, index, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("over", "routes/content-page.tsx", { id: "content/over" }),
  route("gedragscode", "routes/content-page.tsx", { id: "content/gedragscode" }),
  route("privacy", "routes/content-page.tsx", { id: "content/privacy" }),
  route("toegankelijkheid", "routes/content-page.tsx", { id: "content/toegankelijkheid" }),
  route("kwetsbaarheid-melden", "routes/content-page.tsx", { id: "content/kwetsbaarheid-melden" }),
  route(".well-known/security.txt", "routes/security-txt.ts"),

  // Cycles (rondes)
  route("rondes", "routes/cycles/list.tsx"),
  route("rondes/nieuw", "routes/cycles/new.tsx"),
  route("rondes/:slug", "routes/cycles/show.tsx"),
  route("rondes/:slug/bewerken", "routes/cycles/edit.tsx"),
  route("rondes/:slug/fase", "routes/cycles/phase.tsx"),
  route("rondes/:slug/verslag", "routes/reports/report.tsx"),
  route("rondes/:slug/verslag.csv", "routes/reports/csv.ts"),
  route("rondes/:slug/open-data.json", "routes/reports/open-data.ts"),

  // Knelpunten (unsafe places) and measures
  route("rondes/:slug/knelpunten", "routes/knelpunten/list.tsx"),
  route("rondes/:slug/knelpunten/nieuw", "routes/knelpunten/new.tsx"),
  route("knelpunten/:id", "routes/knelpunten/show.tsx"),
  route("knelpunten/:id/escaleren", "routes/knelpunten/escalate.tsx"),
  route("maatregelen/:id", "routes/measures/actions.tsx"),
  route("knelpunten/:id/veiligheid", "routes/ratings/rate.tsx"),
  route("knelpunten/:id/volgen", "routes/notifications/follow.tsx"),
  route("afmelden", "routes/notifications/unsubscribe.tsx"),

  // Officials' review and their public answers
  route("beoordelen", "routes/review/queue.tsx"),
  route("beoordelen/sjablonen", "routes/review/templates.tsx"),
  route("beoordelen/:id", "routes/review/knelpunt.tsx"),
  route("antwoorden", "routes/review/answers.tsx"),

  // Blog posts (berichten), reactions, feed
  route("berichten", "routes/posts/list.tsx"),
  route("berichten/nieuw", "routes/posts/new.tsx"),
  route("berichten/:slug", "routes/posts/show.tsx"),
  route("berichten/:slug/bewerken", "routes/posts/edit.tsx"),
  route("reacties/:id", "routes/reactions/edit.tsx"),
  route("feed.xml", "routes/posts/feed.ts"),

  // Questions (vragen)
  route("vragen/nieuw", "routes/questions/new.tsx"),
  route("vragen/:id", "routes/questions/show.tsx"),
  route("vragen/:id/antwoorden.csv", "routes/questions/csv.ts"),

  // Accounts
  route("registreren", "routes/auth/signup.tsx"),
  route("verifieren", "routes/auth/verify.tsx"),
  route("inloggen", "routes/auth/login.tsx"),
  route("uitloggen", "routes/auth/logout.tsx"),
  route("wachtwoord-vergeten", "routes/auth/forgot.tsx"),
  route("wachtwoord-herstellen", "routes/auth/reset.tsx"),
  route("account", "routes/account.tsx"),
  route("taal", "routes/language.tsx"),

  route("account/gegevens.json", "routes/account/export.ts"),
  route("account/verwijderen", "routes/account/delete.tsx"),

  // Trust and safety: flags, moderation, blocks, the audit log
  route("melden/:type/:id", "routes/moderation/flag.tsx"),
  route("moderatie", "routes/moderation/queue.tsx"),
  route("moderatie/deelnemers/:id", "routes/moderation/participant.tsx"),
  route("beheer/logboek", "routes/admin/audit.tsx"),

  route("beheer/accounts", "routes/admin/accounts.tsx"),
  route("mail", "routes/mail.tsx"),

  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
