CREATE TABLE `search_documents` (
	`doc_id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`offering_id` text NOT NULL,
	`provider_id` text NOT NULL,
	`external_id` text NOT NULL,
	`provider_name` text NOT NULL,
	`provider_name_en` text,
	`title` text NOT NULL,
	`title_en` text,
	`summary` text NOT NULL,
	`level` text NOT NULL,
	`categories` text DEFAULT '[]' NOT NULL,
	`industries` text DEFAULT '[]' NOT NULL,
	`sizes` text DEFAULT '[]' NOT NULL,
	`regions` text DEFAULT '[]' NOT NULL,
	`certifications` text DEFAULT '[]' NOT NULL,
	`min_price_fen` integer,
	`published_at` text NOT NULL,
	`level_mask` integer NOT NULL,
	`category_mask` integer NOT NULL,
	`industry_mask` integer NOT NULL,
	`size_mask` integer NOT NULL,
	`region_mask` integer NOT NULL,
	`cert_mask` integer NOT NULL,
	`tokens_title` text NOT NULL,
	`tokens_provider` text NOT NULL,
	`tokens_summary` text NOT NULL,
	`tokens_body` text NOT NULL,
	`tokens_pinyin` text NOT NULL,
	`tokens_initials` text NOT NULL,
	`tokens_chars` text NOT NULL,
	`source_hash` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`offering_id`) REFERENCES `offerings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`provider_id`) REFERENCES `providers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_documents_offering_id_unique` ON `search_documents` (`offering_id`);--> statement-breakpoint
CREATE INDEX `search_documents_provider_idx` ON `search_documents` (`provider_id`);--> statement-breakpoint
CREATE TABLE `search_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`offering_id` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`last_error` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `search_outbox_due_idx` ON `search_outbox` (`next_attempt_at`,`id`);--> statement-breakpoint
CREATE TABLE `search_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`docs_version` integer DEFAULT 0 NOT NULL,
	`synonyms_version` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `search_synonyms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`terms` text NOT NULL,
	`updated_by_user_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`updated_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
