import type { privacy as nl } from "../nl/privacy";

export const privacy = {
  "privacy.export.explanation":
    "This is all the data the Veranderlab keeps about you. Each part has the name of a table in our database. Times are in UTC. We only keep your password and the codes from emails in scrambled form, so they are not in here. The Privacy page explains more.",

  "privacy.account.dataTitle": "My data",
  "privacy.account.dataIntro":
    "You can download everything the Veranderlab keeps about you. For example your account, what you wrote, what you supported and the ratings you gave. You get one file (JSON).",
  "privacy.account.download": "Download my data (JSON)",
  "privacy.account.privacyLink": "Read which data we keep, and why, on the page",
  "privacy.account.privacyLinkText": "Privacy",
  "privacy.account.deleteTitle": "Delete account",
  "privacy.account.deleteIntro":
    "Do you no longer want to take part? Then you can delete your account. What you wrote in public stays, under the name \"verwijderde deelnemer\" (deleted participant).",
  "privacy.account.deleteLink": "Delete my account",

  "privacy.delete.title": "Delete account",
  "privacy.delete.intro": "If you delete your account, you can no longer log in. This cannot be undone.",
  "privacy.delete.erasedTitle": "What we erase",
  "privacy.delete.erased.account": "Your email address, your name, your neighbourhood and your password.",
  "privacy.delete.erased.follows": "Which problem spots you follow, and emails to you that we still hold.",
  "privacy.delete.erased.sessions": "All devices on which you are logged in. You are logged out everywhere.",
  "privacy.delete.keptTitle": "What stays",
  "privacy.delete.kept.contributions":
    "What you wrote in public: reports, proposals, reactions and answers. It then shows \"verwijderde deelnemer\" (deleted participant), not your name.",
  "privacy.delete.kept.counts":
    "Your support for ideas and the ratings you gave for how safe a place feels. They still count. This keeps the lab's report correct.",
  "privacy.delete.kept.log": "A line in the log saying that this account was deleted. Without your name and without your email address.",
  "privacy.delete.downloadFirst": "Do you want to keep your data?",
  "privacy.delete.downloadFirstLink": "Then download your data first",
  "privacy.delete.formTitle": "Confirm with your password",
  "privacy.delete.password": "Your password",
  "privacy.delete.passwordDescription": "This way we know for sure that it is you.",
  "privacy.delete.confirm": "I understand that this cannot be undone",
  "privacy.delete.submit": "Delete account",
  "privacy.delete.back": "Back to My account",
  "privacy.delete.error.passwordWrong": "This password is not correct. Your account has not been deleted.",
  "privacy.delete.error.confirmRequired": "Tick the box if you understand that this cannot be undone.",
  "privacy.flash.deleted": "Your account has been deleted.",
} satisfies Record<keyof typeof nl, string>;
