CREATE TABLE `adoption_counted` (
	`campaign_id` text NOT NULL,
	`enterprise_id` text NOT NULL,
	`kind` text NOT NULL,
	`first_event_id` text NOT NULL,
	`level` text NOT NULL,
	`month` text NOT NULL,
	`occurred_on` text NOT NULL,
	`prefecture` text NOT NULL,
	`industry` text NOT NULL,
	PRIMARY KEY(`campaign_id`, `enterprise_id`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `adoption_counted_drill_idx` ON `adoption_counted` (`campaign_id`,`kind`,`prefecture`,`occurred_on`);--> statement-breakpoint
CREATE INDEX `adoption_counted_enterprise_idx` ON `adoption_counted` (`enterprise_id`);--> statement-breakpoint
CREATE TABLE `adoption_event_actions` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` text NOT NULL,
	`kind` text NOT NULL,
	`actor_user_id` text,
	`api_key_id` text,
	`fraud_case_id` text,
	`reason` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `adoption_events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`api_key_id`) REFERENCES `api_keys`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`fraud_case_id`) REFERENCES `fraud_cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `adoption_event_actions_event_idx` ON `adoption_event_actions` (`event_id`,`seq`);--> statement-breakpoint
CREATE INDEX `adoption_event_actions_fraud_idx` ON `adoption_event_actions` (`fraud_case_id`);--> statement-breakpoint
CREATE TABLE `adoption_event_states` (
	`event_id` text PRIMARY KEY NOT NULL,
	`enterprise_id` text NOT NULL,
	`status` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `adoption_events`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `adoption_event_states_status_idx` ON `adoption_event_states` (`status`,`updated_at`);--> statement-breakpoint
CREATE INDEX `adoption_event_states_enterprise_idx` ON `adoption_event_states` (`enterprise_id`);--> statement-breakpoint
CREATE TABLE `adoption_report_rows` (
	`uscc` text NOT NULL,
	`level` text NOT NULL,
	`occurred_on` text NOT NULL,
	`provider_uscc` text NOT NULL,
	`event_id` text NOT NULL,
	`upload_id` text,
	PRIMARY KEY(`uscc`, `level`, `occurred_on`, `provider_uscc`),
	FOREIGN KEY (`event_id`) REFERENCES `adoption_events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`upload_id`) REFERENCES `adoption_report_uploads`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `adoption_report_uploads` (
	`id` text PRIMARY KEY NOT NULL,
	`uploaded_by_user_id` text,
	`scope_prefecture` text,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`row_count` integer NOT NULL,
	`added_count` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`uploaded_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `api_idempotency` (
	`api_key_id` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`request_hash` text NOT NULL,
	`event_id` text,
	`response` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`api_key_id`, `idempotency_key`),
	FOREIGN KEY (`api_key_id`) REFERENCES `api_keys`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `adoption_events`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`provider_id` text,
	`prefecture` text,
	`name` text NOT NULL,
	`display_prefix` text NOT NULL,
	`secret_hash` text NOT NULL,
	`created_by_user_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`last_used_at` text,
	`revoked_at` text,
	`revoked_by_user_id` text,
	FOREIGN KEY (`provider_id`) REFERENCES `providers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`revoked_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_secret_hash_unique` ON `api_keys` (`secret_hash`);--> statement-breakpoint
CREATE INDEX `api_keys_provider_idx` ON `api_keys` (`provider_id`);--> statement-breakpoint
CREATE INDEX `api_keys_prefecture_idx` ON `api_keys` (`prefecture`);--> statement-breakpoint
CREATE TABLE `counter_cells` (
	`campaign_id` text NOT NULL,
	`kind` text NOT NULL,
	`scope` text NOT NULL,
	`dim` text NOT NULL,
	`key` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`campaign_id`, `kind`, `scope`, `dim`, `key`)
);
--> statement-breakpoint
CREATE TABLE `fraud_cases` (
	`id` text PRIMARY KEY NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text NOT NULL,
	`reason` text NOT NULL,
	`marked_by_user_id` text,
	`marked_at` text NOT NULL,
	`lifted_by_user_id` text,
	`lifted_at` text,
	`lift_reason` text,
	FOREIGN KEY (`marked_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`lifted_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `fraud_cases_target_idx` ON `fraud_cases` (`target_type`,`target_id`);--> statement-breakpoint
CREATE INDEX `fraud_cases_open_idx` ON `fraud_cases` (`lifted_at`,`marked_at`);--> statement-breakpoint
DROP INDEX `adoption_events_status_idx`;--> statement-breakpoint
ALTER TABLE `adoption_events` DROP COLUMN `status`;--> statement-breakpoint
ALTER TABLE `enterprises` ADD `fraud_flagged_at` text;--> statement-breakpoint
ALTER TABLE `enterprises` ADD `fraud_reason` text;--> statement-breakpoint
ALTER TABLE `providers` ADD `fraud_flagged_at` text;--> statement-breakpoint
ALTER TABLE `providers` ADD `fraud_reason` text;