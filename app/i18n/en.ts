/** English, the second language. Each area file must have every key of its Dutch twin. */
import { core } from "./en/core";
import { cycles } from "./en/cycles";
import { knelpunten } from "./en/knelpunten";
import { knelpuntList } from "./en/knelpunt-list";
import { knelpuntPage } from "./en/knelpunt-page";
import { map } from "./en/map";
import { notifications } from "./en/notifications";
import { posts } from "./en/posts";
import { questions } from "./en/questions";
import { ratings } from "./en/ratings";
import { reports } from "./en/reports";
import { review } from "./en/review";
import { moderation } from "./en/moderation";
import { audit } from "./en/audit";
import { privacy } from "./en/privacy";
import type { MessageKey } from "./nl";

export const en: Record<MessageKey, string> = { ...core, ...cycles, ...knelpunten, ...knelpuntList, ...knelpuntPage, ...map, ...notifications, ...posts, ...questions, ...ratings, ...reports, ...review, ...moderation, ...audit, ...privacy };
