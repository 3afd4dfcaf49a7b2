-- Search documents no longer carry their analysed text (the FTS5 table becomes contentless in
-- 0009): the search process loads every row into memory, so rows stay narrow. The index is
-- rebuilt from the catalog afterwards (`search:reindex`); the old FTS table and its triggers go first
-- because they reference the dropped columns.
DROP TRIGGER IF EXISTS `search_documents_fts_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_documents_fts_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_documents_fts_update`;
--> statement-breakpoint
DROP TABLE IF EXISTS `offerings_fts_vocab`;
--> statement-breakpoint
DROP TABLE IF EXISTS `offerings_fts`;
--> statement-breakpoint
DELETE FROM `search_documents`;
--> statement-breakpoint
CREATE TABLE `search_terms` (
	`term` text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE `search_documents` ADD `title_compact` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `search_documents` ADD `summary_compact` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `search_documents` DROP COLUMN `tokens_title`;--> statement-breakpoint
ALTER TABLE `search_documents` DROP COLUMN `tokens_provider`;--> statement-breakpoint
ALTER TABLE `search_documents` DROP COLUMN `tokens_summary`;--> statement-breakpoint
ALTER TABLE `search_documents` DROP COLUMN `tokens_body`;--> statement-breakpoint
ALTER TABLE `search_documents` DROP COLUMN `tokens_pinyin`;--> statement-breakpoint
ALTER TABLE `search_documents` DROP COLUMN `tokens_initials`;--> statement-breakpoint
ALTER TABLE `search_documents` DROP COLUMN `tokens_chars`;--> statement-breakpoint
ALTER TABLE `search_state` ADD `terms_version` integer DEFAULT 0 NOT NULL;