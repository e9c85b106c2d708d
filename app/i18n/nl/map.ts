/** Dutch texts for the map. */
export const map = {
  "map.label": "Kaart",
  "map.loading": "De kaart wordt geladen…",
  "map.attribution": "Kaart: BRT-Achtergrondkaart, © Kadaster (PDOK)",
  "map.pickerLabel": "Kaart om een speld te zetten",
  "map.pickerHelp": "Klik op de kaart waar de plek is. Met het toetsenbord: schuif de kaart met de pijltjestoetsen, zoom met + en −, en kies dan ‘Zet de speld in het midden van de kaart’.",
  "map.pinCenter": "Zet de speld in het midden van de kaart",
  "map.pinRemove": "Speld weghalen",
  "map.pinSet": "Er staat een speld op de kaart.",
  "map.pinNone": "Er staat nog geen speld op de kaart. Dat is niet verplicht.",
  "map.pointsLabel": "Kaart met de gemelde plekken",
  "map.noJs": "De kaart werkt alleen met JavaScript. Alle plekken staan ook in de lijst.",
  "map.tilesFailedPicker": "De achtergrond van de kaart kon niet worden geladen. Een speld is niet verplicht: de beschrijving van de plek is genoeg.",
  "map.tilesFailed": "De achtergrond van de kaart kon niet worden geladen. Alles wat op de kaart staat, staat ook als tekst op deze pagina.",
} as const;
