/** Texts for the moderation area (issue 6): the wording check, the code of conduct, flags, the queue. */
export const moderation = {
  // What kind of text
  "moderation.kind.knelpunt": "knelpunt",
  "moderation.kind.measure": "maatregel",
  "moderation.kind.reaction": "reactie",
  "moderation.kind.answer": "antwoord",

  // The wording check (the nudge)
  "moderation.nudge.error":
    "U schrijft iets over afkomst, huidskleur of geloof ({words}). Beschrijf liever wat er gebeurt, waar en wanneer. Niet wie iemand lijkt te zijn.",
  "moderation.nudge.title": "Wilt u uw tekst aanpassen?",
  "moderation.nudge.body":
    "Pas uw tekst hierboven aan en plaats hem opnieuw. Of plaats hem zoals hij is: dan leest een projectleider hem eerst. Pas daarna is hij voor anderen te zien.",
  "moderation.nudge.postAnyway": "Toch plaatsen",
  "moderation.nudge.example": "Bijvoorbeeld: \"Tussen 22.00 en 00.00 uur roept een groep bij de ingang van de tunnel naar fietsers.\"",

  // The code of conduct on contribution forms
  "moderation.code.label": "Ik houd me aan de gedragscode",
  "moderation.code.hintNew":
    "De gedragscode is veranderd (versie {version}). Lees de nieuwe versie en vink dit aan om mee te doen.",
  "moderation.code.link": "Lees de gedragscode (opent in een nieuw venster)",
  "moderation.code.required": "Vink aan dat u zich aan de gedragscode houdt.",

  // What readers see in place of a text
  "moderation.notice.hidden": "Verborgen door de moderator: {reason}",
  "moderation.notice.flagged": "Deze tekst is verborgen, omdat meerdere deelnemers hem hebben gemeld. Een projectleider bekijkt hem.",
  "moderation.notice.heldWording": "Wacht op goedkeuring: een projectleider leest uw tekst eerst, omdat hij woorden over afkomst of uiterlijk bevat. Alleen u ziet hem nu.",
  "moderation.notice.heldScreening": "Wacht op goedkeuring: in deze ronde keurt een projectleider nieuwe deelnemers eerst goed. Alleen u ziet uw tekst nu.",
  "moderation.notice.heldForModerator": "Wacht op goedkeuring (alleen zichtbaar voor de schrijver en projectleiders).",
  "moderation.hiddenTitle": "Verborgen {kind}",

  // Flash messages after posting
  "moderation.flash.held": "Uw tekst is opgeslagen. Een projectleider leest hem eerst; daarna is hij voor iedereen te zien. U krijgt een e-mail.",

  // Flagging
  "moderation.flag.link": "Melden",
  "moderation.flag.linkLabel": "Meld deze {kind} bij de projectleider",
  "moderation.flag.title": "Tekst melden",
  "moderation.flag.intro":
    "Past deze tekst niet bij de gedragscode? Meld hem dan. Een projectleider bekijkt de melding. Als drie mensen dezelfde tekst melden, verbergen we hem tot de projectleider heeft gekeken.",
  "moderation.flag.quoteLabel": "De tekst die u meldt",
  "moderation.flag.reasonLegend": "Waarom meldt u deze tekst?",
  "moderation.flag.reason.profiling": "Iemand wordt beschreven naar afkomst, huidskleur, geloof of uiterlijk",
  "moderation.flag.reason.accusation": "Iemand wordt beschuldigd of is te herkennen",
  "moderation.flag.reason.abuse": "Schelden, dreigen of discriminatie",
  "moderation.flag.reason.spam": "Reclame of spam",
  "moderation.flag.reason.other": "Iets anders",
  "moderation.flag.noteLabel": "Toelichting (niet verplicht)",
  "moderation.flag.noteHint": "Alleen de projectleider leest dit.",
  "moderation.flag.submit": "Melding versturen",
  "moderation.flag.cancel": "Terug zonder te melden",
  "moderation.flag.reasonRequired": "Kies waarom u deze tekst meldt.",
  "moderation.flag.noteTooLong": "De toelichting is te lang. Gebruik maximaal 500 tekens.",
  "moderation.flag.own": "U kunt uw eigen tekst niet melden. U kunt hem wel aanpassen of verwijderen.",
  "moderation.flag.already": "U hebt deze tekst al gemeld. Een projectleider bekijkt hem.",
  "moderation.flag.alreadyHidden": "Deze tekst is al verborgen door de moderator.",
  "moderation.flag.done": "Bedankt. Uw melding is verstuurd naar de projectleider.",
  "moderation.flag.doneHidden": "Bedankt. De tekst is verborgen tot een projectleider ernaar heeft gekeken.",

  // The queue
  "moderation.queue.title": "Moderatie",
  "moderation.queue.intro":
    "Hier staan teksten die wachten op uw besluit: teksten die zijn tegengehouden door de woordcontrole of door de controle van nieuwe deelnemers, en teksten die zijn gemeld.",
  "moderation.queue.tabOpen": "Te beoordelen ({count})",
  "moderation.queue.tabHidden": "Verborgen teksten",
  "moderation.queue.tabsLabel": "Welke teksten",
  "moderation.queue.empty": "Er wacht niets op een besluit.",
  "moderation.queue.emptyHidden": "Er zijn geen verborgen teksten.",
  "moderation.queue.next": "Volgende teksten",
  "moderation.queue.first": "Terug naar het begin",
  "moderation.queue.itemTitle": "{kind} bij: {context}",
  "moderation.queue.by": "Geschreven door {name}",
  "moderation.queue.byDeleted": "Geschreven door een verwijderde deelnemer",
  "moderation.queue.blocked": "(geblokkeerd)",
  "moderation.queue.newParticipant": "(nieuwe deelnemer)",
  "moderation.queue.written": "Geplaatst op {date}",
  "moderation.queue.view": "Bekijk op de pagina",
  "moderation.queue.state.held": "Tegengehouden",
  "moderation.queue.state.flagged": "Verborgen na meldingen",
  "moderation.queue.state.hidden": "Verborgen door de moderator",
  "moderation.queue.state.visible": "Zichtbaar, gemeld",
  "moderation.queue.heldWording": "Tegengehouden door de woordcontrole. Gevonden woorden: {words}.",
  "moderation.queue.heldScreening": "Tegengehouden: in deze ronde keurt u nieuwe deelnemers eerst goed.",
  "moderation.queue.flags": "Meldingen ({count})",
  "moderation.queue.hiddenReason": "Reden: {reason}",
  "moderation.queue.approve": "Goedkeuren",
  "moderation.queue.approveFlagged": "Tekst blijft staan",
  "moderation.queue.approveParticipant": "Deelnemer goedkeuren",
  "moderation.queue.approveParticipantHint": "Keurt deze deelnemer goed voor alle rondes. Hun teksten die hierop wachten, worden zichtbaar.",
  "moderation.queue.hide": "Verbergen",
  "moderation.queue.restore": "Terugzetten",
  "moderation.queue.reasonLabel": "Reden (iedereen ziet deze op de plek van de tekst)",
  "moderation.queue.reasonHint": "Bijvoorbeeld: \"Beschrijft mensen naar hun afkomst.\" De schrijver krijgt deze reden ook per e-mail.",
  "moderation.queue.restoreReasonLabel": "Toelichting voor de schrijver (niet verplicht)",
  "moderation.queue.participant": "Deelnemer bekijken of blokkeren",
  "moderation.queue.decisionsLabel": "Besluit over deze tekst",

  "moderation.flash.approved": "De tekst is goedgekeurd en staat op de pagina.",
  "moderation.flash.hidden": "De tekst is verborgen. De schrijver krijgt een e-mail met de reden.",
  "moderation.flash.restored": "De tekst staat weer op de pagina.",
  "moderation.flash.participantApproved": "De deelnemer is goedgekeurd. {count} tekst(en) zijn nu zichtbaar.",

  "moderation.error.reasonRequired": "Schrijf op waarom u de tekst verbergt.",
  "moderation.error.reasonTooLong": "De reden is te lang. Gebruik maximaal 300 tekens.",
  "moderation.error.nothingToRestore": "Deze tekst is al zichtbaar.",

  // Mail to the author
  "moderation.mail.noReason": "(geen toelichting)",
  "moderation.mail.hidden.subject": "Uw {kind} is verborgen",
  "moderation.mail.hidden.body":
    "Beste {name},\n\nEen projectleider heeft uw {kind} bij \"{context}\" verborgen. Op de plek van uw tekst staat nu de reden.\n\nReden: {reason}\n\nBekijk het hier: {url}\n\nLees ook de gedragscode: {codeUrl}",
  "moderation.mail.approved.subject": "Uw {kind} staat online",
  "moderation.mail.approved.body":
    "Beste {name},\n\nEen projectleider heeft uw {kind} bij \"{context}\" gelezen en goedgekeurd. Iedereen kan hem nu zien.\n\nToelichting: {reason}\n\nBekijk het hier: {url}",
  "moderation.mail.restored.subject": "Uw {kind} is weer zichtbaar",
  "moderation.mail.restored.body":
    "Beste {name},\n\nUw {kind} bij \"{context}\" is gemeld of verborgen geweest. Een projectleider heeft ernaar gekeken: de tekst staat weer op de pagina.\n\nToelichting: {reason}\n\nBekijk het hier: {url}",
  "moderation.mail.object":
    "Bent u het niet eens met dit besluit? Beantwoord dan deze e-mail binnen vier weken en schrijf waarom. We kijken er dan opnieuw naar. U krijgt binnen twee weken antwoord.",
  "moderation.mail.participant.subject": "U bent goedgekeurd als deelnemer",
  "moderation.mail.participant.body":
    "Beste {name},\n\nEen projectleider heeft u goedgekeurd als deelnemer van het Veranderlab. Uw teksten die hierop wachtten, zijn nu voor iedereen te zien. Wat u vanaf nu schrijft, staat meteen online.",
} as const;
