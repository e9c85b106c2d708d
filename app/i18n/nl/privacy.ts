/** Texts for the privacy area (issue 6). */
export const privacy = {
  "privacy.export.explanation":
    "Dit zijn alle gegevens die het Veranderlab over u bewaart. Elk onderdeel heeft de naam van een tabel in onze database. Tijden staan in UTC. Uw wachtwoord en de codes uit e-mails bewaren we alleen versleuteld. Die staan hier daarom niet in. Meer uitleg staat op de pagina Privacy.",

  "privacy.account.dataTitle": "Mijn gegevens",
  "privacy.account.dataIntro":
    "U kunt alles downloaden wat het Veranderlab over u bewaart. Bijvoorbeeld uw account, wat u schreef, wat u steunde en de cijfers die u gaf. U krijgt één bestand (JSON).",
  "privacy.account.download": "Download mijn gegevens (JSON)",
  "privacy.account.privacyLink": "Welke gegevens we bewaren en waarom, leest u op de pagina",
  "privacy.account.privacyLinkText": "Privacy",
  "privacy.account.deleteTitle": "Account verwijderen",
  "privacy.account.deleteIntro":
    "Wilt u niet meer meedoen? Dan kunt u uw account verwijderen. Wat u openbaar schreef, blijft staan onder de naam \"verwijderde deelnemer\".",
  "privacy.account.deleteLink": "Mijn account verwijderen",

  "privacy.delete.title": "Account verwijderen",
  "privacy.delete.intro":
    "Als u uw account verwijdert, kunt u niet meer inloggen. Dit kan niet ongedaan worden gemaakt.",
  "privacy.delete.erasedTitle": "Dit wissen we",
  "privacy.delete.erased.account": "Uw e-mailadres, uw naam, uw wijk en uw wachtwoord.",
  "privacy.delete.erased.follows": "Welke knelpunten u volgt, en de e-mails aan u die nog bij ons staan.",
  "privacy.delete.erased.sessions": "Alle apparaten waarop u bent ingelogd. U wordt overal uitgelogd.",
  "privacy.delete.keptTitle": "Dit blijft staan",
  "privacy.delete.kept.contributions":
    "Wat u openbaar schreef: meldingen, voorstellen, reacties en antwoorden. Er staat dan \"verwijderde deelnemer\" bij, niet uw naam.",
  "privacy.delete.kept.counts":
    "Uw steun voor ideeën en de cijfers die u gaf voor hoe veilig een plek voelt. Die tellen nog mee. Zo blijft het verslag van het lab kloppen.",
  "privacy.delete.kept.log": "Een regel in het logboek dat dit account is verwijderd. Zonder uw naam en zonder uw e-mailadres.",
  "privacy.delete.downloadFirst": "Wilt u uw gegevens bewaren?",
  "privacy.delete.downloadFirstLink": "Download dan eerst uw gegevens",
  "privacy.delete.formTitle": "Bevestig met uw wachtwoord",
  "privacy.delete.password": "Uw wachtwoord",
  "privacy.delete.passwordDescription": "Zo weten we zeker dat u het zelf bent.",
  "privacy.delete.confirm": "Ik begrijp dat dit niet ongedaan kan worden",
  "privacy.delete.submit": "Account verwijderen",
  "privacy.delete.back": "Terug naar Mijn account",
  "privacy.delete.error.passwordWrong": "Dit wachtwoord klopt niet. Uw account is niet verwijderd.",
  "privacy.delete.error.confirmRequired": "Zet een vinkje als u begrijpt dat dit niet ongedaan kan worden.",
  "privacy.flash.deleted": "Uw account is verwijderd.",
} as const;
