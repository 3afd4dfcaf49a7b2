-- The FTS5 index of search documents (issue 3), contentless: it keeps only the inverted index
-- of the jieba-segmented tokens that search/sqlite/store.ts inserts with rowid = doc_id, not
-- the text itself (contentless_delete lets a row be deleted or replaced by rowid). Columns hold
-- space-separated tokens (search/analysis/document.ts), so unicode61 only splits on spaces and
-- punctuation; see docs/decisions/0002-chinese-search.md.
CREATE VIRTUAL TABLE `offerings_fts` USING fts5(
	tokens_title, tokens_provider, tokens_summary, tokens_body, tokens_pinyin, tokens_initials, tokens_chars,
	content='', contentless_delete=1,
	tokenize='unicode61 remove_diacritics 2', prefix='2 3'
);
--> statement-breakpoint
-- A document that goes (a store delete, or a cascade from its offering or provider) leaves the index too.
CREATE TRIGGER `search_documents_fts_delete` AFTER DELETE ON `search_documents` BEGIN
	DELETE FROM offerings_fts WHERE rowid = old.doc_id;
	UPDATE search_state SET docs_version = docs_version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `search_documents_version_insert` AFTER INSERT ON `search_documents` BEGIN
	UPDATE search_state SET docs_version = docs_version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `search_documents_version_update` AFTER UPDATE ON `search_documents` BEGIN
	UPDATE search_state SET docs_version = docs_version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `search_terms_version_insert` AFTER INSERT ON `search_terms` BEGIN
	UPDATE search_state SET terms_version = terms_version + 1 WHERE id = 1;
END;
