CREATE TABLE `offering_revisions` (
	`id` text PRIMARY KEY NOT NULL,
	`offering_id` text NOT NULL,
	`provider_id` text NOT NULL,
	`snapshot` text NOT NULL,
	`base_snapshot` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`review_reason` text,
	`created_by_user_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`submitted_at` text NOT NULL,
	`decided_at` text,
	`decided_by_user_id` text,
	FOREIGN KEY (`offering_id`) REFERENCES `offerings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`provider_id`) REFERENCES `providers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`decided_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `offering_revisions_offering_idx` ON `offering_revisions` (`offering_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `offering_revisions_queue_idx` ON `offering_revisions` (`status`,`submitted_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `offering_revisions_one_pending_idx` ON `offering_revisions` (`offering_id`) WHERE status = 'pending';