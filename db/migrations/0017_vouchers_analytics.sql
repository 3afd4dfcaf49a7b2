CREATE TABLE `offering_views` (
	`offering_id` text NOT NULL,
	`day` text NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`offering_id`, `day`),
	FOREIGN KEY (`offering_id`) REFERENCES `offerings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `voucher_claims` (
	`id` text PRIMARY KEY NOT NULL,
	`programme_id` text NOT NULL,
	`order_id` text NOT NULL,
	`enterprise_id` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`status` text DEFAULT 'committed' NOT NULL,
	`release_reason` text,
	`confirm_by` text,
	`committed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`paid_out_at` text,
	`released_at` text,
	FOREIGN KEY (`programme_id`) REFERENCES `voucher_programmes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `voucher_claims_programme_idx` ON `voucher_claims` (`programme_id`,`status`);--> statement-breakpoint
CREATE INDEX `voucher_claims_enterprise_idx` ON `voucher_claims` (`enterprise_id`,`programme_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `voucher_claims_live_order_idx` ON `voucher_claims` (`order_id`) WHERE "voucher_claims"."status" <> 'released';--> statement-breakpoint
CREATE INDEX `voucher_claims_confirm_by_idx` ON `voucher_claims` (`confirm_by`) WHERE "voucher_claims"."status" = 'committed' and "voucher_claims"."confirm_by" is not null;--> statement-breakpoint
CREATE TABLE `voucher_programmes` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`amount_fen` integer,
	`percent` integer,
	`cap_per_order_fen` integer NOT NULL,
	`first_claim_cap_fen` integer NOT NULL,
	`later_claims_cap_fen` integer NOT NULL,
	`eligible_levels` text DEFAULT '[]' NOT NULL,
	`eligible_size_classes` text DEFAULT '[]' NOT NULL,
	`prefecture_codes` text DEFAULT '[]' NOT NULL,
	`budget_fen` integer NOT NULL,
	`valid_from` text NOT NULL,
	`valid_until` text NOT NULL,
	`confirm_within_days` integer NOT NULL,
	`scope_prefecture` text,
	`created_by_user_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
ALTER TABLE `order_payments` ADD `flag_resolved_at` text;--> statement-breakpoint
ALTER TABLE `order_payments` ADD `flag_resolution` text;--> statement-breakpoint
ALTER TABLE `order_payments` ADD `flag_resolved_by_user_id` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `review_reports` ADD `resolution` text;--> statement-breakpoint
ALTER TABLE `review_reports` ADD `resolved_at` text;--> statement-breakpoint
ALTER TABLE `review_reports` ADD `resolved_by_user_id` text REFERENCES users(id);--> statement-breakpoint
CREATE UNIQUE INDEX `review_reports_reporter_idx` ON `review_reports` (`review_id`,`reporter_user_id`);