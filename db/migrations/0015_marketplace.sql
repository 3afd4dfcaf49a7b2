CREATE TABLE `idempotency_records` (
	`caller` text NOT NULL,
	`method` text NOT NULL,
	`path` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`request_hash` text NOT NULL,
	`status` integer NOT NULL,
	`response` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`caller`, `method`, `path`, `idempotency_key`)
);
--> statement-breakpoint
CREATE TABLE `mail_outbox` (
	`id` integer PRIMARY KEY NOT NULL,
	`to_address` text NOT NULL,
	`subject` text NOT NULL,
	`body_text` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`next_attempt_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`sent_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `mail_outbox_pending_idx` ON `mail_outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `marketplace_history` (
	`id` integer PRIMARY KEY NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`action` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`actor_user_id` text,
	`actor_api_key_id` text,
	`actor_role` text NOT NULL,
	`detail` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`actor_api_key_id`) REFERENCES `api_keys`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `marketplace_history_subject_idx` ON `marketplace_history` (`subject_type`,`subject_id`,`id`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`params` text NOT NULL,
	`link` text NOT NULL,
	`read_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`read_at`,`id`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` text PRIMARY KEY NOT NULL,
	`enterprise_id` text NOT NULL,
	`offering_id` text NOT NULL,
	`provider_id` text NOT NULL,
	`plan_id` text,
	`quote_id` text,
	`request_id` text,
	`billing` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`subsidy_fen` integer DEFAULT 0 NOT NULL,
	`payable_fen` integer NOT NULL,
	`payment_method` text DEFAULT 'bank_transfer' NOT NULL,
	`payment_reference` text NOT NULL,
	`account_name` text,
	`bank_name` text,
	`account_no` text,
	`transfer_reference` text,
	`refund_reference` text,
	`status` text DEFAULT 'pending_payment' NOT NULL,
	`adoption_event_id` text,
	`dispute_reason` text,
	`created_by_user_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`offering_id`) REFERENCES `offerings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_id`) REFERENCES `providers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`plan_id`) REFERENCES `offering_plans`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`quote_id`) REFERENCES `quotes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `service_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`adoption_event_id`) REFERENCES `adoption_events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `orders_enterprise_idx` ON `orders` (`enterprise_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `orders_provider_idx` ON `orders` (`provider_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `orders_event_idx` ON `orders` (`adoption_event_id`) WHERE "orders"."adoption_event_id" is not null;--> statement-breakpoint
CREATE INDEX `orders_disputed_idx` ON `orders` (`status`) WHERE "orders"."status" = 'disputed';--> statement-breakpoint
CREATE TABLE `quotes` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`price_fen` integer NOT NULL,
	`billing` text NOT NULL,
	`terms` text DEFAULT '' NOT NULL,
	`valid_until` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`decline_reason` text,
	`created_by_user_id` text,
	`created_by_api_key_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`decided_at` text,
	FOREIGN KEY (`request_id`) REFERENCES `service_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by_api_key_id`) REFERENCES `api_keys`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `quotes_request_idx` ON `quotes` (`request_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `request_messages` (
	`id` integer PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`from_side` text NOT NULL,
	`author_user_id` text,
	`author_api_key_id` text,
	`body` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `service_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`author_api_key_id`) REFERENCES `api_keys`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `request_messages_request_idx` ON `request_messages` (`request_id`,`id`);--> statement-breakpoint
CREATE TABLE `service_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`enterprise_id` text NOT NULL,
	`offering_id` text NOT NULL,
	`provider_id` text NOT NULL,
	`plan_id` text,
	`created_by_user_id` text,
	`status` text DEFAULT 'new' NOT NULL,
	`lost_reason` text,
	`needs` text NOT NULL,
	`budget_fen` integer,
	`wanted_by` text,
	`contact` text NOT NULL,
	`first_reply_at` text,
	`last_message_at` text NOT NULL,
	`sme_seen_at` text,
	`provider_seen_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`offering_id`) REFERENCES `offerings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_id`) REFERENCES `providers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`plan_id`) REFERENCES `offering_plans`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `service_requests_provider_idx` ON `service_requests` (`provider_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `service_requests_enterprise_idx` ON `service_requests` (`enterprise_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `providers` ADD `bank_account_name` text;--> statement-breakpoint
ALTER TABLE `providers` ADD `bank_name` text;--> statement-breakpoint
ALTER TABLE `providers` ADD `bank_account_no` text;