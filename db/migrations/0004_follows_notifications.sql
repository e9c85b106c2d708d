CREATE TABLE `app_secrets` (
	`name` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `follows` (
	`knelpunt_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`following` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`knelpunt_id`, `user_id`),
	FOREIGN KEY (`knelpunt_id`) REFERENCES `knelpunten`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `follows_user_idx` ON `follows` (`user_id`);--> statement-breakpoint
CREATE TABLE `pending_notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`knelpunt_id` integer NOT NULL,
	`status_change_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`knelpunt_id`) REFERENCES `knelpunten`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`status_change_id`) REFERENCES `knelpunt_status_changes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pending_notifications_user_idx` ON `pending_notifications` (`user_id`,`id`);--> statement-breakpoint
ALTER TABLE `users` ADD `notify_mode` text DEFAULT 'direct' NOT NULL;