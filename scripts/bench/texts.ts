/**
 * Words and sentences the bench dataset is made of: plain Dutch about places,
 * times and behaviour, never about anyone's origin or appearance (the same
 * rule the demo texts follow). Lengths are close to what residents write.
 */
import type { Random } from "./random";

export const FIRST_NAMES = [
  "Anna", "Bram", "Chantal", "Daan", "Esther", "Fenna", "Gerrit", "Hanneke", "Ilse", "Jan", "Kees", "Lisa", "Marco",
  "Noor", "Olga", "Pieter", "Quinten", "Rianne", "Sander", "Tessa", "Uri", "Vera", "Wouter", "Yara", "Zeynep", "Ahmed",
  "Bilal", "Carmen", "Dewi", "Emre", "Fatma", "Goran", "Hamza", "Inge", "Joost", "Karin", "Luuk", "Mirjam", "Nadia",
  "Omar", "Petra", "Rik", "Samira", "Thijs", "Vincent", "Wendy", "Youssra", "Agnieszka", "Sjoerd", "Geert", "Trijntje",
  "Harm", "Albertje", "Klaas", "Femke", "Jelle", "Marieke", "Roel", "Sietske", "Tjitske",
];

export const LAST_NAMES = [
  "de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos",
  "Vos", "Peters", "Hendriks", "Dijkstra", "Kuipers", "Huisman", "Post", "Veenstra", "Wiersma", "Hoekstra", "Zijlstra",
  "Postma", "Kramer", "Brouwer", "Schuurman", "Boersma", "Haan", "Oosterhof", "Wolters", "B.", "K.", "M.", "T.", "",
];

export const WIJKEN = [
  "Oosterparkwijk", "De Hoogte", "Korrewegwijk", "Van Starkenborgh", "Indische Buurt", "Schildersbuurt", "Oosterpoort",
  "Herewegwijk", "Helpman", "Corpus den Hoorn", "Paddepoel", "Selwerd", "Vinkhuizen", "Hoogkerk", "Lewenborg",
  "Beijum", "Oosterhoogebrug", "Binnenstad-Zuid", "Binnenstad-Oost", "Noorderplantsoenbuurt", "Hoornse Park", "Zeeheldenbuurt",
];

const STREETS = [
  "Korreweg", "Oostersingel", "Europaweg", "Oosterhamrikkade", "Damsterdiep", "Zaagmuldersweg", "Bedumerweg",
  "Kerklaan", "Paterswoldseweg", "Hereweg", "Vondellaan", "Peizerweg", "Friesestraatweg", "Zonnelaan", "Eikenlaan",
  "Kastanjelaan", "Wilhelminakade", "Sontweg", "Griffeweg", "Helperzoom", "Verlengde Hereweg", "Laan van de Vrijheid",
  "Kapteynlaan", "Oude Ebbingestraat", "Noorderbinnensingel", "Kruissingel", "Petrus Driessenstraat", "Vinkenstraat",
  "Siersteenlaan", "Bessemoerstraat", "Slimstraat", "Pleiadenlaan", "Ulgersmaweg", "Plataanlaan", "Star Numanstraat",
];

const PLACES = [
  "Fietstunnel onder de", "Onderdoorgang bij de", "Fietspad langs de", "Speeltuin aan de", "Bushalte aan de",
  "Parkeerterrein achter de", "Steegje naast de", "Brug over de", "Pleintje aan de", "Voetpad achter de",
  "Trappenhuis bij de", "Schoolplein aan de", "Grasveld naast de", "Winkelpromenade aan de", "Fietsenstalling bij de",
];

const PROBLEMS = [
  "voelt 's avonds onveilig", "is na donker slecht verlicht", "is 's nachts erg stil en donker", "heeft geen zicht op de uitgang",
  "ligt vaak vol glas", "is een plek waar je liever omfietst", "heeft kapotte lampen", "voelt eenzaam na 22.00 uur",
];

const DESCRIPTION_SENTENCES = [
  "Na zonsondergang is het hier erg donker, want twee van de lampen doen het al weken niet.",
  "Je ziet pas aan het eind van de tunnel of er iemand staat.",
  "Vooral in de winter, tussen 17.00 en 19.00 uur, fiets ik hier niet graag alleen.",
  "Er staan vaak brommers met de motor aan, en er wordt hard gereden.",
  "De struiken staan dicht op het pad, zodat je niet ver kunt kijken.",
  "Op vrijdag- en zaterdagavond is er veel lawaai tot laat in de nacht.",
  "Op zondagochtend ligt er bijna altijd glas op het fietspad.",
  "Mijn kinderen fietsen hier elke dag door naar school en ik maak me zorgen als het donker is.",
  "Overdag is het hier gezellig, maar 's avonds voelt het heel anders.",
  "Ik heb de kapotte lampen al gemeld via de app van de gemeente, maar er is nog niets gebeurd.",
  "Er is geen plek waar je kunt uitwijken als je iemand tegenkomt die je niet vertrouwt.",
  "Bij de bocht achter het muurtje kun je niet zien wie daar staat.",
  "Buren vertellen dat ze hier 's avonds liever niet meer lopen.",
  "De bushalte heeft geen verlichting en het bord met de tijden is niet te lezen.",
  "Het pad is smal en aan beide kanten staan hoge heggen.",
  "Wie hier een lekke band krijgt, staat echt in het donker.",
];

const MEASURE_TITLES = [
  "Lichtschouw met de buurt", "Samen naar huis fietsen", "Buddysysteem voor de avond", "Tunnel beschilderen met de school",
  "Vaste avondronde met de hond", "Struiken snoeien met buurtbewoners", "Bedrijven vragen hun lampen aan te laten",
  "Buurtapp voor wie laat thuiskomt", "Zwerfvuil en glas opruimen op zaterdag", "Bewonersavond over deze plek",
  "Bankjes en bloembakken neerzetten", "Kapotte lampen samen melden", "Ouders lopen een rondje na school",
  "Avondwandeling met de wijkagent", "Muurschildering met jongeren uit de buurt",
];

const MEASURE_SENTENCES = [
  "Op een donderdagavond lopen we met een groepje de route af en melden we wat kapot is.",
  "Wie 's avonds laat thuiskomt, kan in de buurtapp laten weten hoe laat hij of zij vertrekt.",
  "Na vier weken kijken we samen of het verschil maakt.",
  "De gemeente zorgt voor materiaal, de buurt voor de handen.",
  "Iedereen mag aansluiten; we spreken af bij het bankje aan het begin van het pad.",
  "We maken een rooster zodat er elke avond iemand langskomt.",
  "Kinderen uit groep 7 en 8 maken het ontwerp, bewoners helpen met schilderen.",
  "We vragen de bedrijven in de straat om hun buitenlampen tot middernacht aan te laten.",
];

const REACTION_SENTENCES = [
  "Herkenbaar, ik fiets hier ook liever om.",
  "Goed idee, ik help graag mee.",
  "Sinds de lampen gemaakt zijn voelt het al een stuk beter.",
  "Op dinsdag en donderdag kan ik mee, andere avonden lukt niet.",
  "Mijn dochter fietst hier elke dag door en is er 's avonds bang.",
  "Ik heb het vanmorgen gemeld via de app van de gemeente.",
  "Wanneer is de volgende bewonersavond?",
  "Wat fijn dat hier eindelijk aandacht voor is.",
  "Het glas ligt er nog steeds, vooral na het weekend.",
  "Kunnen we ook de school om de hoek vragen mee te doen?",
  "De struiken zijn gesnoeid, je kunt nu veel verder kijken.",
  "Ik woon hier al twintig jaar en het is de laatste tijd erger geworden.",
  "Een groepje buren heeft afgesproken samen te fietsen, dat werkt goed.",
  "Misschien kan de gemeente een extra lantaarnpaal plaatsen bij de bocht.",
];

const POST_TOPICS = [
  "Wat we hoorden op de bewonersavond", "Een avondwandeling door de wijk", "Zo gaan we verder", "Tussenstand van deze ronde",
  "De eerste resultaten", "Waarom deze ronde", "Wat de gemeente gaat doen", "Samen aan de slag in de buurt",
  "Terugblik op de schilderdag", "Nieuwe plekken gemeld", "Een gesprek met de wijkagent", "Wat kunnen we zelf doen?",
];

function sentences(random: Random, pool: readonly string[], min: number, max: number): string {
  const n = random.between(min, max);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(random.pick(pool));
  return out.join(" ");
}

export function personName(random: Random): string {
  const last = random.pick(LAST_NAMES);
  return last ? `${random.pick(FIRST_NAMES)} ${last}` : random.pick(FIRST_NAMES);
}

export function knelpuntText(random: Random): { title: string; description: string; locationText: string } {
  const street = random.pick(STREETS);
  const place = `${random.pick(PLACES)} ${street}`;
  const title = `${place} ${random.pick(PROBLEMS)}`.slice(0, 120);
  const paragraphs = [sentences(random, DESCRIPTION_SENTENCES, 2, 4)];
  if (random.chance(0.5)) paragraphs.push(sentences(random, DESCRIPTION_SENTENCES, 1, 3));
  return { title, description: paragraphs.join("\n\n"), locationText: `${place}, ter hoogte van nummer ${random.between(1, 240)}` };
}

export function measureText(random: Random): { title: string; description: string } {
  const title = `${random.pick(MEASURE_TITLES)} (${random.pick(STREETS)})`;
  const parts = [sentences(random, MEASURE_SENTENCES, 1, 3)];
  if (random.chance(0.3)) {
    parts.push(["- We spreken af om 21.30 uur.", "- Iedereen is welkom.", "- Na vier weken kijken we terug."].join("\n"));
  }
  return { title, description: parts.join("\n\n") };
}

export function reactionText(random: Random): string {
  return sentences(random, REACTION_SENTENCES, 1, 4);
}

export function postText(random: Random, n: number): { title: string; body: string } {
  const title = `${random.pick(POST_TOPICS)} (${n})`;
  const paragraphs: string[] = [];
  const count = random.between(4, 8);
  for (let i = 0; i < count; i++) {
    if (i === 2) paragraphs.push(`## ${random.pick(POST_TOPICS)}`);
    if (i === 4) {
      paragraphs.push(["- Meld een plek die onveilig voelt.", "- Bedenk wat we zelf kunnen doen.", "- Steun de ideeën die u goed vindt."].join("\n"));
    }
    paragraphs.push(`${sentences(random, DESCRIPTION_SENTENCES, 2, 3)} ${sentences(random, MEASURE_SENTENCES, 1, 2)}`);
  }
  return { title, body: paragraphs.join("\n\n") };
}

export const QUESTION_PROMPTS = [
  "Waar voelt u zich 's avonds het minst veilig?",
  "Hoe vaak fietst u na 22.00 uur door de wijk?",
  "Wat zou het meest helpen?",
  "Wat vindt u van de plannen tot nu toe?",
];

export const QUESTION_OPTIONS = ["Meer licht", "Meer mensen op straat", "Toezicht in het weekend", "Snoeien en opruimen"];

export { STREETS };
