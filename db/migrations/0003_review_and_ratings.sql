CREATE TABLE `answer_templates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`owner_id` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `answer_templates_owner_idx` ON `answer_templates` (`owner_id`,`title`);--> statement-breakpoint
CREATE TABLE `safety_ratings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`knelpunt_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`day` text NOT NULL,
	`score` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`knelpunt_id`) REFERENCES `knelpunten`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "safety_ratings_score_check" CHECK("safety_ratings"."score" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `safety_ratings_knelpunt_user_day_unique` ON `safety_ratings` (`knelpunt_id`,`user_id`,`day`);--> statement-breakpoint
CREATE INDEX `safety_ratings_knelpunt_day_idx` ON `safety_ratings` (`knelpunt_id`,`day`);--> statement-breakpoint
CREATE INDEX `safety_ratings_user_idx` ON `safety_ratings` (`user_id`);--> statement-breakpoint
ALTER TABLE `knelpunt_status_changes` ADD `organisation` text;--> statement-breakpoint
ALTER TABLE `knelpunt_status_changes` ADD `department` text;--> statement-breakpoint
ALTER TABLE `knelpunt_status_changes` ADD `expected_date` text;--> statement-breakpoint
CREATE INDEX `knelpunt_status_changes_answers_idx` ON `knelpunt_status_changes` (`to_status`,`created_at`);