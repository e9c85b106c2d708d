import type { map as nl } from "../nl/map";

/** English texts for the map. */
export const map = {
  "map.label": "Map",
  "map.loading": "Loading the map…",
  "map.attribution": "Map: BRT-Achtergrondkaart, © Kadaster (PDOK)",
  "map.pickerLabel": "Map to place a pin",
  "map.pickerHelp": "Click on the map where the place is. With the keyboard: move the map with the arrow keys, zoom with + and −, then choose ‘Put the pin in the centre of the map’.",
  "map.pinCenter": "Put the pin in the centre of the map",
  "map.pinRemove": "Remove the pin",
  "map.pinSet": "There is a pin on the map.",
  "map.pinNone": "There is no pin on the map yet. A pin is optional.",
  "map.pointsLabel": "Map of the reported places",
  "map.noJs": "The map only works with JavaScript. All places are also in the list.",
  "map.tilesFailedPicker": "The map background could not be loaded. A pin is optional: the description of the place is enough.",
  "map.tilesFailed": "The map background could not be loaded. Everything on the map is also on this page as text.",
} satisfies Record<keyof typeof nl, string>;
