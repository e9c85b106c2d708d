DROP INDEX `safety_ratings_knelpunt_day_idx`;--> statement-breakpoint
CREATE INDEX `safety_ratings_knelpunt_day_idx` ON `safety_ratings` (`knelpunt_id`,`day`,`score`,`user_id`);--> statement-breakpoint
DROP INDEX `users_created_idx`;--> statement-breakpoint
CREATE INDEX `users_unconfirmed_idx` ON `users` (`created_at`) WHERE email_verified_at IS NULL AND deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `users_created_idx` ON `users` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `answers_question_updated_idx` ON `answers` (`question_id`,`updated_at`) WHERE text IS NOT NULL;--> statement-breakpoint
CREATE INDEX `knelpunten_status_wijk_escalated_idx` ON `knelpunten` (`status`,`wijk`,`escalated_at`);--> statement-breakpoint
CREATE INDEX `moderation_cases_decided_by_idx` ON `moderation_cases` (`decided_by`);--> statement-breakpoint
CREATE INDEX `participant_approvals_approved_by_idx` ON `participant_approvals` (`approved_by`);--> statement-breakpoint
CREATE INDEX `questions_created_by_idx` ON `questions` (`created_by`);--> statement-breakpoint
CREATE INDEX `sessions_created_idx` ON `sessions` (`created_at`);--> statement-breakpoint
CREATE INDEX `sessions_last_active_idx` ON `sessions` (`last_active_at`);