/** Dutch texts for following knelpunten and mail about them. */
export const notifications = {
  "notify.mail.subject": "{title}: {status}",
  "notify.mail.body": "Hallo {name},\n\nEr is nieuws over een knelpunt dat u volgt: {title}.\nDe status is nu: {status}.\n{explanation}\nLees meer: {url}\n\nU krijgt deze e-mail omdat u dit knelpunt volgt. Minder e-mail? Kies bij Mijn account voor één e-mail per dag: {settingsUrl}\nGeen e-mail meer over knelpunten: {unsubscribeUrl}\n\nVeranderlab Veiligheid",
  "notify.digest.subject": "Nieuws over knelpunten die u volgt ({count})",
  "notify.digest.body": "Hallo {name},\n\nDit veranderde sinds gisteren bij knelpunten die u volgt:\n\n{lines}\n\nAndere keuze voor e-mail? Ga naar Mijn account: {settingsUrl}\nGeen e-mail meer over knelpunten: {unsubscribeUrl}\n\nVeranderlab Veiligheid",

  "notify.follow": "Volgen",
  "notify.unfollow": "Niet meer volgen",
  "notify.following": "U volgt dit knelpunt. U krijgt bericht als de status verandert of als gemeente of politie antwoordt.",
  "notify.notFollowing": "Volg dit knelpunt om bericht te krijgen als de status verandert of als gemeente of politie antwoordt.",
  "notify.flash.followed": "U volgt dit knelpunt nu.",
  "notify.flash.unfollowed": "U volgt dit knelpunt niet meer.",
  "notify.loginToFollow": "Log in om dit knelpunt te volgen",

  "notify.settingsTitle": "E-mail over knelpunten die u volgt",
  "notify.settingsIntro": "U volgt automatisch de knelpunten die u meldde, steunde of waar u meehelpt. U kunt ook zelf knelpunten volgen.",
  "notify.modeLegend": "Hoe wilt u bericht krijgen?",
  "notify.mode.direct": "Meteen een e-mail bij elke verandering",
  "notify.mode.dagelijks": "Eén e-mail per dag met alle veranderingen",
  "notify.mode.nooit": "Geen e-mail",
  "notify.save": "Keuze opslaan",
  "notify.flash.saved": "Uw keuze voor e-mail is opgeslagen.",
  "notify.error.mode": "Kies een van de mogelijkheden.",

  "notify.unsub.title": "Afmelden voor e-mail",
  "notify.unsub.intro": "Wilt u geen e-mail meer krijgen over knelpunten die u volgt?",
  "notify.unsub.submit": "Ja, meld mij af",
  "notify.unsub.done": "U bent afgemeld. U krijgt geen e-mail meer over knelpunten. U kunt dit altijd weer aanzetten bij Mijn account.",
  "notify.unsub.forged": "Deze afmeldlink klopt niet. Misschien is hij niet helemaal gekopieerd. Log in en kies bij Mijn account welke e-mail u wilt krijgen.",
} as const;
