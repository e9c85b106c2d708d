CREATE TABLE `knelpunt_status_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`knelpunt_id` integer NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`actor_id` text,
	`explanation` text,
	`fast_track_reason` text,
	`measure_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`knelpunt_id`) REFERENCES `knelpunten`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `knelpunt_status_changes_knelpunt_idx` ON `knelpunt_status_changes` (`knelpunt_id`,`id`);--> statement-breakpoint
CREATE TABLE `knelpunten` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cycle_id` integer NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`wijk` text NOT NULL,
	`location_text` text NOT NULL,
	`lat` real,
	`lng` real,
	`reporter_id` text,
	`status` text DEFAULT 'open' NOT NULL,
	`support_count` integer DEFAULT 0 NOT NULL,
	`escalated_at` integer,
	`escalated_by` text,
	`escalation_explanation` text,
	`fast_track_reason` text,
	`resolved_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`cycle_id`) REFERENCES `cycles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reporter_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`escalated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "knelpunten_status_check" CHECK(status IN ('open', 'zelf_aan_de_slag', 'opgelost', 'geescaleerd', 'in_behandeling', 'toegezegd', 'uitgevoerd', 'afgewezen')),
	CONSTRAINT "knelpunten_support_count_check" CHECK("knelpunten"."support_count" >= 0),
	CONSTRAINT "knelpunten_point_check" CHECK((lat IS NULL AND lng IS NULL) OR (lat IS NOT NULL AND lng IS NOT NULL AND lat BETWEEN 50.7 AND 53.7 AND lng BETWEEN 3.2 AND 7.3))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `knelpunten_id_cycle_unique` ON `knelpunten` (`id`,`cycle_id`);--> statement-breakpoint
CREATE INDEX `knelpunten_cycle_new_idx` ON `knelpunten` (`cycle_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `knelpunten_cycle_support_idx` ON `knelpunten` (`cycle_id`,`support_count`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `knelpunten_cycle_status_new_idx` ON `knelpunten` (`cycle_id`,`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `knelpunten_cycle_status_support_idx` ON `knelpunten` (`cycle_id`,`status`,`support_count`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `knelpunten_cycle_wijk_new_idx` ON `knelpunten` (`cycle_id`,`wijk`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `knelpunten_cycle_wijk_support_idx` ON `knelpunten` (`cycle_id`,`wijk`,`support_count`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `knelpunten_status_escalated_idx` ON `knelpunten` (`status`,`escalated_at`);--> statement-breakpoint
CREATE INDEX `knelpunten_reporter_idx` ON `knelpunten` (`reporter_id`);--> statement-breakpoint
CREATE TABLE `measure_status_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`measure_id` integer NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`actor_id` text,
	`reason` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `measure_status_changes_measure_idx` ON `measure_status_changes` (`measure_id`,`id`);--> statement-breakpoint
CREATE TABLE `measures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`knelpunt_id` integer NOT NULL,
	`cycle_id` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`author_id` text,
	`status` text DEFAULT 'voorgesteld' NOT NULL,
	`status_reason` text,
	`support_count` integer DEFAULT 0 NOT NULL,
	`volunteer_count` integer DEFAULT 0 NOT NULL,
	`adopted_at` integer,
	`started_at` integer,
	`completed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`knelpunt_id`,`cycle_id`) REFERENCES `knelpunten`(`id`,`cycle_id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "measures_kind_check" CHECK(kind IN ('zelf', 'overheid')),
	CONSTRAINT "measures_status_check" CHECK(status IN ('voorgesteld', 'aangenomen', 'in_uitvoering', 'uitgevoerd', 'niet_doorgegaan')),
	CONSTRAINT "measures_counts_check" CHECK("measures"."support_count" >= 0 AND "measures"."volunteer_count" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `measures_id_cycle_unique` ON `measures` (`id`,`cycle_id`);--> statement-breakpoint
CREATE INDEX `measures_knelpunt_idx` ON `measures` (`knelpunt_id`,`cycle_id`,`kind`,`created_at`);--> statement-breakpoint
CREATE INDEX `measures_author_idx` ON `measures` (`author_id`);--> statement-breakpoint
CREATE TABLE `supports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`measure_id` integer NOT NULL,
	`cycle_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`measure_id`,`cycle_id`) REFERENCES `measures`(`id`,`cycle_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `supports_measure_user_unique` ON `supports` (`measure_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `supports_user_cycle_idx` ON `supports` (`user_id`,`cycle_id`);--> statement-breakpoint
CREATE TABLE `volunteers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`measure_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `volunteers_measure_user_unique` ON `volunteers` (`measure_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `volunteers_user_idx` ON `volunteers` (`user_id`);