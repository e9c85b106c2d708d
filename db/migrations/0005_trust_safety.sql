CREATE TABLE `code_of_conduct_acceptances` (
	`user_id` text NOT NULL,
	`version` integer NOT NULL,
	`accepted_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `version`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `flags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`target_type` text NOT NULL,
	`target_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`reason` text NOT NULL,
	`note` text,
	`created_at` integer NOT NULL,
	`resolved_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "flags_reason_check" CHECK(reason IN ('profiling', 'accusation', 'abuse', 'spam', 'other'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `flags_target_user_unique` ON `flags` (`target_type`,`target_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `flags_user_idx` ON `flags` (`user_id`);--> statement-breakpoint
CREATE TABLE `moderation_cases` (
	`target_type` text NOT NULL,
	`target_id` integer NOT NULL,
	`author_id` text,
	`cycle_id` integer,
	`state` text NOT NULL,
	`held_for` text,
	`matched_words` text,
	`open_flags` integer DEFAULT 0 NOT NULL,
	`open` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`decided_at` integer,
	`decided_by` text,
	PRIMARY KEY(`target_type`, `target_id`),
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`cycle_id`) REFERENCES `cycles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "moderation_cases_state_check" CHECK(state IN ('visible', 'held', 'flagged', 'hidden'))
);
--> statement-breakpoint
CREATE INDEX `moderation_cases_queue_idx` ON `moderation_cases` (`open`,`created_at`);--> statement-breakpoint
CREATE INDEX `moderation_cases_state_idx` ON `moderation_cases` (`state`,`updated_at`);--> statement-breakpoint
CREATE INDEX `moderation_cases_author_idx` ON `moderation_cases` (`author_id`,`held_for`);--> statement-breakpoint
CREATE TABLE `participant_approvals` (
	`user_id` text PRIMARY KEY NOT NULL,
	`approved_by` text,
	`approved_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
ALTER TABLE `answers` ADD `moderation` text DEFAULT 'visible' NOT NULL;--> statement-breakpoint
ALTER TABLE `answers` ADD `moderation_reason` text;--> statement-breakpoint
ALTER TABLE `knelpunten` ADD `moderation` text DEFAULT 'visible' NOT NULL;--> statement-breakpoint
ALTER TABLE `knelpunten` ADD `moderation_reason` text;--> statement-breakpoint
CREATE INDEX `knelpunten_escalated_by_idx` ON `knelpunten` (`escalated_by`);--> statement-breakpoint
ALTER TABLE `measures` ADD `moderation` text DEFAULT 'visible' NOT NULL;--> statement-breakpoint
ALTER TABLE `measures` ADD `moderation_reason` text;--> statement-breakpoint
ALTER TABLE `reactions` ADD `moderation` text DEFAULT 'visible' NOT NULL;--> statement-breakpoint
ALTER TABLE `reactions` ADD `moderation_reason` text;--> statement-breakpoint
CREATE INDEX `audit_log_action_idx` ON `audit_log` (`action`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_idx` ON `audit_log` (`actor_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_type_idx` ON `audit_log` (`target_type`,`id`);--> statement-breakpoint
CREATE INDEX `knelpunt_status_changes_actor_idx` ON `knelpunt_status_changes` (`actor_id`);--> statement-breakpoint
CREATE INDEX `measure_status_changes_actor_idx` ON `measure_status_changes` (`actor_id`);--> statement-breakpoint
CREATE INDEX `posts_author_idx` ON `posts` (`author_id`);--> statement-breakpoint
-- The consent history starts with what each account accepted so far.
INSERT INTO `code_of_conduct_acceptances` (`user_id`, `version`, `accepted_at`)
SELECT `id`, `code_of_conduct_version`, COALESCE(`code_of_conduct_accepted_at`, `created_at`)
FROM `users` WHERE `code_of_conduct_version` IS NOT NULL;
--> statement-breakpoint
-- The audit log is append-only: no row is ever changed.
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
--> statement-breakpoint
-- Rows are removed only after the retention period (5 years, docs/decisions/012).
CREATE TRIGGER `audit_log_no_early_delete` BEFORE DELETE ON `audit_log`
WHEN old.`created_at` > (unixepoch() - 5 * 365 * 86400) * 1000
BEGIN SELECT RAISE(ABORT, 'audit_log rows are kept for 5 years'); END;
