/**
 * Dutch, the default language: every text the interface shows, one file per
 * area in nl/. Write at B1 level: short sentences, everyday words.
 * Placeholders look like {name}.
 */
import { core } from "./nl/core";
import { cycles } from "./nl/cycles";
import { knelpunten } from "./nl/knelpunten";
import { knelpuntList } from "./nl/knelpunt-list";
import { knelpuntPage } from "./nl/knelpunt-page";
import { map } from "./nl/map";
import { notifications } from "./nl/notifications";
import { posts } from "./nl/posts";
import { questions } from "./nl/questions";
import { ratings } from "./nl/ratings";
import { reports } from "./nl/reports";
import { review } from "./nl/review";
import { moderation } from "./nl/moderation";
import { audit } from "./nl/audit";
import { privacy } from "./nl/privacy";

export const nl = { ...core, ...cycles, ...knelpunten, ...knelpuntList, ...knelpuntPage, ...map, ...notifications, ...posts, ...questions, ...ratings, ...reports, ...review, ...moderation, ...audit, ...privacy };

export type MessageKey = keyof typeof nl;
