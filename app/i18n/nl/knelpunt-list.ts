/**
 * Dutch texts for the knelpunt-list pages: the list and map of a cycle's
 * knelpunten, the report form and the section on the cycle page. B1: short
 * sentences, everyday words. Statuses, filter labels and form errors come
 * from the domain's catalog (./knelpunten.ts).
 */
export const knelpuntList = {
  // The list
  "knelpuntList.title": "Gemelde plekken",
  "knelpuntList.pageTitle": "Gemelde plekken in {cycle}",
  "knelpuntList.cycleLink": "Ronde: {cycle}",
  "knelpuntList.report": "Meld een plek",
  "knelpuntList.loginToReport": "Log in om een plek te melden",
  "knelpuntList.loginToReportIntro": "Wilt u zelf een onveilige plek melden?",
  "knelpuntList.filterTitle": "Zoeken en sorteren",
  "knelpuntList.view.label": "Weergave",
  "knelpuntList.view.list": "Lijst",
  "knelpuntList.view.map": "Kaart",
  "knelpuntList.listTitle": "Lijst",
  "knelpuntList.resultsPage": "Pagina {page}",
  "knelpuntList.noneOnPage": "Op deze pagina staan geen plekken meer.",
  "knelpuntList.firstPage": "Naar de eerste pagina",
  "knelpuntList.showAll": "Toon alle plekken",
  "knelpuntList.item.wijk": "Wijk:",
  "knelpuntList.item.location": "Plek:",
  "knelpuntList.item.supportOne": "1 keer gesteund",
  "knelpuntList.item.supportOther": "{count} keer gesteund",
  "knelpuntList.item.onMap": "Staat op de kaart",
  "knelpuntList.item.notOnMap": "Niet op de kaart",

  // The map view
  "knelpuntList.map.onMapNone": "Geen van deze plekken heeft een punt op de kaart.",
  "knelpuntList.map.onMapOne": "1 plek staat op de kaart.",
  "knelpuntList.map.onMapOther": "{count} plekken staan op de kaart.",
  "knelpuntList.map.noPointOne": "1 plek heeft geen punt op de kaart. Die staat alleen in de lijst hieronder.",
  "knelpuntList.map.noPointOther": "{count} plekken hebben geen punt op de kaart. Die staan alleen in de lijst hieronder.",
  "knelpuntList.map.noPointPageOne": "Op deze pagina heeft 1 plek geen punt op de kaart. In de lijst staat bij elke plek of hij op de kaart staat.",
  "knelpuntList.map.noPointPageOther": "Op deze pagina hebben {count} plekken geen punt op de kaart. In de lijst staat bij elke plek of hij op de kaart staat.",

  // The section on the cycle page
  "knelpuntList.cycle.title": "Gemelde plekken",
  "knelpuntList.cycle.none": "Er zijn nog geen plekken gemeld.",
  "knelpuntList.cycle.totalOne": "Bewoners hebben 1 plek gemeld.",
  "knelpuntList.cycle.totalOther": "Bewoners hebben {count} plekken gemeld.",
  "knelpuntList.cycle.byStatus": "Per status",
  "knelpuntList.cycle.statusCount": "{status}: {count}",
  "knelpuntList.cycle.all": "Bekijk alle gemelde plekken",

  // The report form
  "knelpuntList.new.pageTitle": "Een onveilige plek melden",
  "knelpuntList.new.intro":
    "Beschrijf de plek in woorden. Die tekst is het belangrijkst: iedereen kan hem lezen, ook zonder kaart. Een speld op de kaart is niet verplicht.",
  "knelpuntList.new.conductTitle": "Denk aan de gedragscode",
  "knelpuntList.new.conductLink": "Lees de gedragscode",
  "knelpuntList.new.markdownHint": "Tip: met een lege regel begint u een nieuwe alinea. Een regel die begint met - wordt een opsomming.",
  "knelpuntList.field.wijkDescription": "Kies de wijk. Staat de wijk er niet bij? Kies dan ‘Andere wijk’ en typ de naam.",
  "knelpuntList.field.wijkChoose": "Kies een wijk",
  "knelpuntList.field.wijkOther": "Andere wijk",
  "knelpuntList.field.wijkOtherName": "Naam van de andere wijk",
  "knelpuntList.field.wijkOtherDescription": "Alleen invullen als u ‘Andere wijk’ kiest.",
  "knelpuntList.field.wijkText": "Wijk",
  "knelpuntList.field.location": "Adres of omschrijving van de plek",
  "knelpuntList.field.pointTitle": "Punt op de kaart (niet verplicht)",
  "knelpuntList.field.pointNoJs":
    "Zonder JavaScript kunt u geen speld op de kaart zetten. Dat is niet erg: de omschrijving van de plek is genoeg. Weet u de coördinaten, bijvoorbeeld uit een kaart-app? Dan kunt u ze hier invullen.",
  "knelpuntList.field.latDescription": "Bijvoorbeeld 53,2194",
  "knelpuntList.field.lngDescription": "Bijvoorbeeld 6,5665",
} as const;
