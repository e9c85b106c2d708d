CREATE TABLE `rating_day_repeats` (
	`knelpunt_id` integer NOT NULL,
	`day` text NOT NULL,
	`next_day` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`knelpunt_id`, `day`, `next_day`),
	FOREIGN KEY (`knelpunt_id`) REFERENCES `knelpunten`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `rating_day_sums` (
	`knelpunt_id` integer NOT NULL,
	`day` text NOT NULL,
	`count` integer NOT NULL,
	`score_sum` integer NOT NULL,
	`latest` integer NOT NULL,
	PRIMARY KEY(`knelpunt_id`, `day`),
	FOREIGN KEY (`knelpunt_id`) REFERENCES `knelpunten`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Filled from the ratings there are (see db/schema.ts for what the columns mean).
INSERT INTO `rating_day_sums` (`knelpunt_id`, `day`, `count`, `score_sum`, `latest`)
SELECT `knelpunt_id`, `day`, count(*), sum(`score`), sum(`day` = `last_day`)
FROM (SELECT `knelpunt_id`, `day`, `score`, max(`day`) OVER (PARTITION BY `knelpunt_id`, `user_id`) AS `last_day` FROM `safety_ratings`)
GROUP BY `knelpunt_id`, `day`;
--> statement-breakpoint
INSERT INTO `rating_day_repeats` (`knelpunt_id`, `day`, `next_day`, `count`)
SELECT `knelpunt_id`, `day`, `next_day`, count(*)
FROM (SELECT `knelpunt_id`, `day`, lead(`day`) OVER (PARTITION BY `knelpunt_id`, `user_id` ORDER BY `day`) AS `next_day` FROM `safety_ratings`)
WHERE `next_day` <= date(`day`, '+41 days')
GROUP BY `knelpunt_id`, `day`, `next_day`;
--> statement-breakpoint
-- From now on each change of a rating changes the summaries in the same
-- statement. Every lookup of the person's previous (P) or next (N) rating
-- is a seek on safety_ratings_knelpunt_user_day_unique.
-- A new rating on day D: D's sums; it is the person's latest unless there
-- is an N (else P is not their latest any more); P→N is no longer a repeat,
-- P→D and D→N are (when at most 41 days apart).
CREATE TRIGGER `rating_summaries_insert` AFTER INSERT ON `safety_ratings`
BEGIN
  INSERT INTO `rating_day_sums` (`knelpunt_id`, `day`, `count`, `score_sum`, `latest`)
  VALUES (new.`knelpunt_id`, new.`day`, 1, new.`score`, NOT EXISTS (SELECT 1 FROM `safety_ratings` r WHERE r.`knelpunt_id` = new.`knelpunt_id` AND r.`user_id` = new.`user_id` AND r.`day` > new.`day`))
  ON CONFLICT (`knelpunt_id`, `day`) DO UPDATE SET
    `count` = `count` + 1, `score_sum` = `score_sum` + excluded.`score_sum`, `latest` = `latest` + excluded.`latest`;
  UPDATE `rating_day_sums` SET `latest` = `latest` - 1
  WHERE `knelpunt_id` = new.`knelpunt_id` AND `day` = (SELECT max(r.`day`) FROM `safety_ratings` r WHERE r.`knelpunt_id` = new.`knelpunt_id` AND r.`user_id` = new.`user_id` AND r.`day` < new.`day`) AND NOT EXISTS (SELECT 1 FROM `safety_ratings` r WHERE r.`knelpunt_id` = new.`knelpunt_id` AND r.`user_id` = new.`user_id` AND r.`day` > new.`day`);
  UPDATE `rating_day_repeats` SET `count` = `count` - 1
  WHERE `knelpunt_id` = new.`knelpunt_id` AND `day` = (SELECT max(r.`day`) FROM `safety_ratings` r WHERE r.`knelpunt_id` = new.`knelpunt_id` AND r.`user_id` = new.`user_id` AND r.`day` < new.`day`) AND `next_day` = (SELECT min(r.`day`) FROM `safety_ratings` r WHERE r.`knelpunt_id` = new.`knelpunt_id` AND r.`user_id` = new.`user_id` AND r.`day` > new.`day`);
  DELETE FROM `rating_day_repeats`
  WHERE `knelpunt_id` = new.`knelpunt_id` AND `day` = (SELECT max(r.`day`) FROM `safety_ratings` r WHERE r.`knelpunt_id` = new.`knelpunt_id` AND r.`user_id` = new.`user_id` AND r.`day` < new.`day`) AND `count` = 0;
  INSERT INTO `rating_day_repeats` (`knelpunt_id`, `day`, `next_day`, `count`)
  SELECT new.`knelpunt_id`, p.`day`, new.`day`, 1 FROM (SELECT (SELECT max(r.`day`) FROM `safety_ratings` r WHERE r.`knelpunt_id` = new.`knelpunt_id` AND r.`user_id` = new.`user_id` AND r.`day` < new.`day`) AS `day`) AS p
  WHERE new.`day` <= date(p.`day`, '+41 days')
  ON CONFLICT (`knelpunt_id`, `day`, `next_day`) DO UPDATE SET `count` = `count` + 1;
  INSERT INTO `rating_day_repeats` (`knelpunt_id`, `day`, `next_day`, `count`)
  SELECT new.`knelpunt_id`, new.`day`, n.`day`, 1 FROM (SELECT (SELECT min(r.`day`) FROM `safety_ratings` r WHERE r.`knelpunt_id` = new.`knelpunt_id` AND r.`user_id` = new.`user_id` AND r.`day` > new.`day`) AS `day`) AS n
  WHERE n.`day` <= date(new.`day`, '+41 days')
  ON CONFLICT (`knelpunt_id`, `day`, `next_day`) DO UPDATE SET `count` = `count` + 1;
END;
--> statement-breakpoint
-- A rating deleted (also by a knelpunt's cascade): the reverse.
CREATE TRIGGER `rating_summaries_delete` AFTER DELETE ON `safety_ratings`
BEGIN
  UPDATE `rating_day_sums`
  SET `count` = `count` - 1, `score_sum` = `score_sum` - old.`score`, `latest` = `latest` - (NOT EXISTS (SELECT 1 FROM `safety_ratings` r WHERE r.`knelpunt_id` = old.`knelpunt_id` AND r.`user_id` = old.`user_id` AND r.`day` > old.`day`))
  WHERE `knelpunt_id` = old.`knelpunt_id` AND `day` = old.`day`;
  UPDATE `rating_day_sums` SET `latest` = `latest` + 1
  WHERE `knelpunt_id` = old.`knelpunt_id` AND `day` = (SELECT max(r.`day`) FROM `safety_ratings` r WHERE r.`knelpunt_id` = old.`knelpunt_id` AND r.`user_id` = old.`user_id` AND r.`day` < old.`day`) AND NOT EXISTS (SELECT 1 FROM `safety_ratings` r WHERE r.`knelpunt_id` = old.`knelpunt_id` AND r.`user_id` = old.`user_id` AND r.`day` > old.`day`);
  DELETE FROM `rating_day_sums` WHERE `knelpunt_id` = old.`knelpunt_id` AND `day` = old.`day` AND `count` = 0;
  UPDATE `rating_day_repeats` SET `count` = `count` - 1
  WHERE `knelpunt_id` = old.`knelpunt_id` AND `day` = old.`day` AND `next_day` = (SELECT min(r.`day`) FROM `safety_ratings` r WHERE r.`knelpunt_id` = old.`knelpunt_id` AND r.`user_id` = old.`user_id` AND r.`day` > old.`day`);
  DELETE FROM `rating_day_repeats` WHERE `knelpunt_id` = old.`knelpunt_id` AND `day` = old.`day` AND `count` = 0;
  UPDATE `rating_day_repeats` SET `count` = `count` - 1
  WHERE `knelpunt_id` = old.`knelpunt_id` AND `day` = (SELECT max(r.`day`) FROM `safety_ratings` r WHERE r.`knelpunt_id` = old.`knelpunt_id` AND r.`user_id` = old.`user_id` AND r.`day` < old.`day`) AND `next_day` = old.`day`;
  DELETE FROM `rating_day_repeats`
  WHERE `knelpunt_id` = old.`knelpunt_id` AND `day` = (SELECT max(r.`day`) FROM `safety_ratings` r WHERE r.`knelpunt_id` = old.`knelpunt_id` AND r.`user_id` = old.`user_id` AND r.`day` < old.`day`) AND `next_day` = old.`day` AND `count` = 0;
  INSERT INTO `rating_day_repeats` (`knelpunt_id`, `day`, `next_day`, `count`)
  SELECT old.`knelpunt_id`, b.`day`, b.`next_day`, 1 FROM (SELECT (SELECT max(r.`day`) FROM `safety_ratings` r WHERE r.`knelpunt_id` = old.`knelpunt_id` AND r.`user_id` = old.`user_id` AND r.`day` < old.`day`) AS `day`, (SELECT min(r.`day`) FROM `safety_ratings` r WHERE r.`knelpunt_id` = old.`knelpunt_id` AND r.`user_id` = old.`user_id` AND r.`day` > old.`day`) AS `next_day`) AS b
  WHERE b.`next_day` <= date(b.`day`, '+41 days')
  ON CONFLICT (`knelpunt_id`, `day`, `next_day`) DO UPDATE SET `count` = `count` + 1;
END;
--> statement-breakpoint
-- A new score for the same rating (the same person again on the same day: rateKnelpunt's upsert).
CREATE TRIGGER `rating_summaries_score` AFTER UPDATE OF `score` ON `safety_ratings`
WHEN old.`knelpunt_id` = new.`knelpunt_id` AND old.`user_id` = new.`user_id` AND old.`day` = new.`day`
BEGIN
  UPDATE `rating_day_sums` SET `score_sum` = `score_sum` - old.`score` + new.`score`
  WHERE `knelpunt_id` = new.`knelpunt_id` AND `day` = new.`day`;
END;
--> statement-breakpoint
-- A rating moved to another knelpunt, person or day (the app never does
-- this): the old one removed as if the new row were not there yet, then
-- the new one added.
CREATE TRIGGER `rating_summaries_move` AFTER UPDATE OF `knelpunt_id`, `user_id`, `day` ON `safety_ratings`
WHEN old.`knelpunt_id` <> new.`knelpunt_id` OR old.`user_id` <> new.`user_id` OR old.`day` <> new.`day`
BEGIN
  UPDATE `rating_day_sums`
  SET `count` = `count` - 1, `score_sum` = `score_sum` - old.`score`, `latest` = `latest` - (NOT EXISTS (SELECT 1 FROM `safety_ratings` r WHERE r.`knelpunt_id` = old.`knelpunt_id` AND r.`user_id` = old.`user_id` AND r.`id` <> new.`id` AND r.`day` > old.`day`))
  WHERE `knelpunt_id` = old.`knelpunt_id` AND `day` = old.`day`;
  UPDATE `rating_day_sums` SET `latest` = `latest` + 1
  WHERE `knelpunt_id` = old.`knelpunt_id` AND `day` = (SELECT max(r.`day`) FROM `safety_ratings` r WHERE r.`knelpunt_id` = old.`knelpunt_id` AND r.`user_id` = old.`user_id` AND r.`id` <> new.`id` AND r.`day` < old.`day`) AND NOT EXISTS (SELECT 1 FROM `safety_ratings` r WHERE r.`knelpunt_id` = old.`knelpunt_id` AND r.`user_id` = old.`user_id` AND r.`id` <> new.`id` AND r.`day` > old.`day`);
  DELETE FROM `rating_day_sums` WHERE `knelpunt_id` = old.`knelpunt_id` AND `day` = old.`day` AND `count` = 0;
  UPDATE `rating_day_repeats` SET `count` = `count` - 1
  WHERE `knelpunt_id` = old.`knelpunt_id` AND `day` = old.`day` AND `next_day` = (SELECT min(r.`day`) FROM `safety_ratings` r WHERE r.`knelpunt_id` = old.`knelpunt_id` AND r.`user_id` = old.`user_id` AND r.`id` <> new.`id` AND r.`day` > old.`day`);
  DELETE FROM `rating_day_repeats` WHERE `knelpunt_id` = old.`knelpunt_id` AND `day` = old.`day` AND `count` = 0;
  UPDATE `rating_day_repeats` SET `count` = `count` - 1
  WHERE `knelpunt_id` = old.`knelpunt_id` AND `day` = (SELECT max(r.`day`) FROM `safety_ratings` r WHERE r.`knelpunt_id` = old.`knelpunt_id` AND r.`user_id` = old.`user_id` AND r.`id` <> new.`id` AND r.`day` < old.`day`) AND `next_day` = old.`day`;
  DELETE FROM `rating_day_repeats`
  WHERE `knelpunt_id` = old.`knelpunt_id` AND `day` = (SELECT max(r.`day`) FROM `safety_ratings` r WHERE r.`knelpunt_id` = old.`knelpunt_id` AND r.`user_id` = old.`user_id` AND r.`id` <> new.`id` AND r.`day` < old.`day`) AND `next_day` = old.`day` AND `count` = 0;
  INSERT INTO `rating_day_repeats` (`knelpunt_id`, `day`, `next_day`, `count`)
  SELECT old.`knelpunt_id`, b.`day`, b.`next_day`, 1 FROM (SELECT (SELECT max(r.`day`) FROM `safety_ratings` r WHERE r.`knelpunt_id` = old.`knelpunt_id` AND r.`user_id` = old.`user_id` AND r.`id` <> new.`id` AND r.`day` < old.`day`) AS `day`, (SELECT min(r.`day`) FROM `safety_ratings` r WHERE r.`knelpunt_id` = old.`knelpunt_id` AND r.`user_id` = old.`user_id` AND r.`id` <> new.`id` AND r.`day` > old.`day`) AS `next_day`) AS b
  WHERE b.`next_day` <= date(b.`day`, '+41 days')
  ON CONFLICT (`knelpunt_id`, `day`, `next_day`) DO UPDATE SET `count` = `count` + 1;
  INSERT INTO `rating_day_sums` (`knelpunt_id`, `day`, `count`, `score_sum`, `latest`)
  VALUES (new.`knelpunt_id`, new.`day`, 1, new.`score`, NOT EXISTS (SELECT 1 FROM `safety_ratings` r WHERE r.`knelpunt_id` = new.`knelpunt_id` AND r.`user_id` = new.`user_id` AND r.`day` > new.`day`))
  ON CONFLICT (`knelpunt_id`, `day`) DO UPDATE SET
    `count` = `count` + 1, `score_sum` = `score_sum` + excluded.`score_sum`, `latest` = `latest` + excluded.`latest`;
  UPDATE `rating_day_sums` SET `latest` = `latest` - 1
  WHERE `knelpunt_id` = new.`knelpunt_id` AND `day` = (SELECT max(r.`day`) FROM `safety_ratings` r WHERE r.`knelpunt_id` = new.`knelpunt_id` AND r.`user_id` = new.`user_id` AND r.`day` < new.`day`) AND NOT EXISTS (SELECT 1 FROM `safety_ratings` r WHERE r.`knelpunt_id` = new.`knelpunt_id` AND r.`user_id` = new.`user_id` AND r.`day` > new.`day`);
  UPDATE `rating_day_repeats` SET `count` = `count` - 1
  WHERE `knelpunt_id` = new.`knelpunt_id` AND `day` = (SELECT max(r.`day`) FROM `safety_ratings` r WHERE r.`knelpunt_id` = new.`knelpunt_id` AND r.`user_id` = new.`user_id` AND r.`day` < new.`day`) AND `next_day` = (SELECT min(r.`day`) FROM `safety_ratings` r WHERE r.`knelpunt_id` = new.`knelpunt_id` AND r.`user_id` = new.`user_id` AND r.`day` > new.`day`);
  DELETE FROM `rating_day_repeats`
  WHERE `knelpunt_id` = new.`knelpunt_id` AND `day` = (SELECT max(r.`day`) FROM `safety_ratings` r WHERE r.`knelpunt_id` = new.`knelpunt_id` AND r.`user_id` = new.`user_id` AND r.`day` < new.`day`) AND `count` = 0;
  INSERT INTO `rating_day_repeats` (`knelpunt_id`, `day`, `next_day`, `count`)
  SELECT new.`knelpunt_id`, p.`day`, new.`day`, 1 FROM (SELECT (SELECT max(r.`day`) FROM `safety_ratings` r WHERE r.`knelpunt_id` = new.`knelpunt_id` AND r.`user_id` = new.`user_id` AND r.`day` < new.`day`) AS `day`) AS p
  WHERE new.`day` <= date(p.`day`, '+41 days')
  ON CONFLICT (`knelpunt_id`, `day`, `next_day`) DO UPDATE SET `count` = `count` + 1;
  INSERT INTO `rating_day_repeats` (`knelpunt_id`, `day`, `next_day`, `count`)
  SELECT new.`knelpunt_id`, new.`day`, n.`day`, 1 FROM (SELECT (SELECT min(r.`day`) FROM `safety_ratings` r WHERE r.`knelpunt_id` = new.`knelpunt_id` AND r.`user_id` = new.`user_id` AND r.`day` > new.`day`) AS `day`) AS n
  WHERE n.`day` <= date(new.`day`, '+41 days')
  ON CONFLICT (`knelpunt_id`, `day`, `next_day`) DO UPDATE SET `count` = `count` + 1;
END;
