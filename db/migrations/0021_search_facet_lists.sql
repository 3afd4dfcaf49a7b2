-- Facet bit sets are built in memory from the JSON lists (search/sqlite/cache.ts), so a vocabulary is no longer held to 31 values (issue 11).
ALTER TABLE `search_documents` DROP COLUMN `level_mask`;--> statement-breakpoint
ALTER TABLE `search_documents` DROP COLUMN `category_mask`;--> statement-breakpoint
ALTER TABLE `search_documents` DROP COLUMN `industry_mask`;--> statement-breakpoint
ALTER TABLE `search_documents` DROP COLUMN `size_mask`;--> statement-breakpoint
ALTER TABLE `search_documents` DROP COLUMN `region_mask`;--> statement-breakpoint
ALTER TABLE `search_documents` DROP COLUMN `cert_mask`;