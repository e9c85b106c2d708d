/**
 * Dutch texts for the knelpunt page, the escalation form and the measure
 * actions. B1: short sentences, everyday words. Texts that already exist in
 * ./knelpunten.ts (statuses, field labels, refusals) are used from there.
 */
export const knelpuntPage = {
  // The knelpunt
  "knelpuntPage.backToList": "Alle knelpunten van deze ronde",
  "knelpuntPage.factsLabel": "Over dit knelpunt",
  "knelpuntPage.status": "Status",
  "knelpuntPage.cycle": "Ronde",
  "knelpuntPage.wijk": "Wijk",
  "knelpuntPage.location": "Plek",
  "knelpuntPage.reporter": "Gemeld door",
  "knelpuntPage.reporterOn": "{name}, op {date}",
  "knelpuntPage.descriptionTitle": "Wat er aan de hand is",
  "knelpuntPage.mapTitle": "Op de kaart",
  "knelpuntPage.noPoint": "Deze plek staat niet op de kaart. Waar het is, staat hierboven bij ‘Plek’.",

  // Timeline
  "knelpuntPage.timeline.organisation": "({organisation})",
  "knelpuntPage.timeline.explanation": "Uitleg:",
  "knelpuntPage.timeline.fastTrack": "Met voorrang, omdat:",

  // Self-help measures
  "knelpuntPage.selfHelpIntro": "Eerst kijken bewoners wat ze zelf kunnen doen. Steun een goed idee en meld u als meehelper. Pas als dat niet helpt, gaat het knelpunt naar de gemeente.",
  "knelpuntPage.supportsUsedNoLimit": "U hebt in deze ronde {used} keer steun gegeven. Er is geen grens.",
  "knelpuntPage.measure.progress": "{supports} van {threshold} steunbetuigingen, {volunteers} van {minVolunteers} meehelpers",
  "knelpuntPage.measure.supportCount.one": "1 steunbetuiging",
  "knelpuntPage.measure.supportCount.other": "{count} steunbetuigingen",
  "knelpuntPage.measure.volunteerCount.one": "1 meehelper",
  "knelpuntPage.measure.volunteerCount.other": "{count} meehelpers",
  "knelpuntPage.measure.thresholdsMet": "Genoeg steun en meehelpers: de projectleider kan dit idee aannemen.",
  "knelpuntPage.measure.notYetAdoptable": "Nog niet aan te nemen.",
  "knelpuntPage.measure.proposedOn": "op {date}",
  "knelpuntPage.measure.statusReason": "Waarom niet:",
  "knelpuntPage.measure.for": "voor: {title}",
  "knelpuntPage.measure.manage": "Beheer van deze maatregel",
  "knelpuntPage.measure.abandonOpen": "Gaat deze maatregel niet door?",
  "knelpuntPage.measure.progressTitle": "Voortgang melden",
  "knelpuntPage.live.supported": "U steunt deze maatregel. Nu {count}.",
  "knelpuntPage.live.withdrawn": "Uw steun is ingetrokken. Nu {count}.",
  "knelpuntPage.live.volunteered": "U helpt mee. Nu {count}.",
  "knelpuntPage.live.unvolunteered": "U helpt niet meer mee. Nu {count}.",
  "knelpuntPage.logIn": "Inloggen",
  "knelpuntPage.proposeClosed": "U kunt hier nu geen idee voorstellen.",

  // Government measures
  "knelpuntPage.governmentTitle": "Wat gemeente en politie moeten doen",
  "knelpuntPage.governmentIntro": "Dit knelpunt is naar de gemeente gestuurd. Stel voor wat gemeente en politie moeten doen, en steun goede voorstellen.",
  "knelpuntPage.escalationExplanation": "Uitleg van de projectleider voor de gemeente:",
  "knelpuntPage.fastTrackReason": "Met voorrang naar de gemeente, omdat:",
  "knelpuntPage.proposeGovernmentClosed": "U kunt hier nu geen maatregel voor de overheid voorstellen.",

  // Project leader
  "knelpuntPage.leaderTitle": "Voor de projectleider",
  "knelpuntPage.escalateTitle": "Naar de gemeente?",

  // Flash messages
  "knelpuntPage.flash.proposed": "Bedankt. Uw voorstel staat erin.",
  "knelpuntPage.flash.supported": "U steunt deze maatregel.",
  "knelpuntPage.flash.withdrawn": "Uw steun is ingetrokken.",
  "knelpuntPage.flash.volunteered": "Fijn dat u meehelpt!",
  "knelpuntPage.flash.unvolunteered": "U helpt niet meer mee.",
  "knelpuntPage.flash.adopted": "De maatregel is aangenomen.",
  "knelpuntPage.flash.abandoned": "De maatregel gaat niet door.",
  "knelpuntPage.flash.started": "De maatregel staat nu op ‘in uitvoering’.",
  "knelpuntPage.flash.done": "De maatregel staat nu op ‘uitgevoerd’.",
  "knelpuntPage.flash.reacted": "Uw reactie staat erin.",

  // When a measure action (without JavaScript) did not work
  "knelpuntPage.actionFailedTitle": "Dat lukte niet",
  "knelpuntPage.backToKnelpunt": "Terug naar het knelpunt",

  // Escalation page
  "knelpuntPage.escalate.rule": "De regel in het Veranderlab: eerst doen bewoners wat ze zelf kunnen. Pas in de fase Opschalen gaat een knelpunt naar de gemeente, als er geen maatregel van bewoners is aangenomen, of als die maatregelen klaar zijn en bewoners de plek nog onveilig vinden. Bij acuut gevaar kan het eerder, met een openbare reden.",
  "knelpuntPage.escalate.situationTitle": "Wat er al geprobeerd is",
  "knelpuntPage.escalate.phase": "De ronde staat in de fase {phase}.",
  "knelpuntPage.escalate.noAdopted": "Er is geen maatregel van bewoners aangenomen.",
  "knelpuntPage.escalate.adopted": "Aangenomen maatregelen van bewoners: {adopted}. Daarvan uitgevoerd: {done}.",
  "knelpuntPage.escalate.noMeasures": "Bewoners hebben geen ideeën voorgesteld.",
  "knelpuntPage.escalate.formTitle": "Naar de gemeente sturen",
  "knelpuntPage.escalate.fastTrackReason": "Acuut gevaar: waarom kan dit niet wachten? (openbaar)",
  "knelpuntPage.escalate.notPossible": "Dit knelpunt kan nu niet naar de gemeente.",
  "knelpuntPage.measurePagesSelfHelp": "Meer zelf-doen-maatregelen",
  "knelpuntPage.measurePagesGovernment": "Meer maatregelen van gemeente en politie",
} as const;
