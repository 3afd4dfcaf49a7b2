DROP INDEX `adoption_event_actions_fraud_idx`;--> statement-breakpoint
CREATE INDEX `adoption_event_actions_fraud_idx` ON `adoption_event_actions` (`fraud_case_id`) WHERE "adoption_event_actions"."fraud_case_id" is not null;--> statement-breakpoint
DROP INDEX `adoption_events_provider_idx`;--> statement-breakpoint
DROP INDEX `adoption_events_provider_uscc_idx`;--> statement-breakpoint
CREATE INDEX `adoption_events_provider_idx` ON `adoption_events` (`provider_id`,`seq`) WHERE "adoption_events"."provider_id" is not null;--> statement-breakpoint
CREATE INDEX `adoption_events_provider_uscc_idx` ON `adoption_events` (`provider_uscc`) WHERE "adoption_events"."provider_uscc" is not null;