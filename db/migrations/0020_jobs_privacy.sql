CREATE TABLE `jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`params` text DEFAULT '{}' NOT NULL,
	`input` blob,
	`progress_done` integer DEFAULT 0 NOT NULL,
	`progress_total` integer,
	`progress_phase` text,
	`result` text,
	`error` text,
	`created_by_user_id` text,
	`worker` text,
	`heartbeat_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`started_at` text,
	`finished_at` text,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `jobs_status_idx` ON `jobs` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `jobs_owner_idx` ON `jobs` (`created_by_user_id`);--> statement-breakpoint
CREATE TABLE `leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`expires_at` integer NOT NULL,
	`acquired_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `contact_views` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`official_user_id` text,
	`enterprise_id` text NOT NULL,
	`context` text NOT NULL,
	`viewed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`official_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `contact_views_enterprise_idx` ON `contact_views` (`enterprise_id`,`viewed_at`);--> statement-breakpoint
CREATE INDEX `contact_views_official_idx` ON `contact_views` (`official_user_id`,`viewed_at`);--> statement-breakpoint
ALTER TABLE `users` ADD `privacy_notice_version` text;--> statement-breakpoint
ALTER TABLE `users` ADD `privacy_accepted_at` text;--> statement-breakpoint
ALTER TABLE `users` ADD `deleted_at` text;