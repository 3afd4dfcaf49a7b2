PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_adoption_events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`enterprise_id` text NOT NULL,
	`provider_id` text,
	`offering_id` text,
	`offering_external_id` text,
	`provider_uscc` text,
	`level` text NOT NULL,
	`occurred_at` text NOT NULL,
	`source` text NOT NULL,
	`note` text,
	`api_key_id` text,
	`recorded_by_user_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_id`) REFERENCES `providers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`offering_id`) REFERENCES `offerings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`api_key_id`) REFERENCES `api_keys`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- Hand-fixed: drizzle-kit copied the new columns too; the old table has only these (and no rows yet).
INSERT INTO `__new_adoption_events`("id", "enterprise_id", "provider_id", "offering_id", "level", "occurred_at", "source", "note", "recorded_by_user_id", "created_at") SELECT "id", "enterprise_id", "provider_id", "offering_id", "level", "occurred_at", "source", "note", "recorded_by_user_id", "created_at" FROM `adoption_events`;--> statement-breakpoint
DROP TABLE `adoption_events`;--> statement-breakpoint
ALTER TABLE `__new_adoption_events` RENAME TO `adoption_events`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `adoption_events_id_unique` ON `adoption_events` (`id`);--> statement-breakpoint
CREATE INDEX `adoption_events_enterprise_idx` ON `adoption_events` (`enterprise_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `adoption_events_provider_idx` ON `adoption_events` (`provider_id`,`seq`);--> statement-breakpoint
CREATE INDEX `adoption_events_provider_uscc_idx` ON `adoption_events` (`provider_uscc`);