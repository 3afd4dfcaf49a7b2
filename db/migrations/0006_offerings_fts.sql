-- Search (issue 3): the FTS5 index over search_documents, its vocabulary, the triggers that keep
-- both in step, the change counters and the seeded synonym list (shared/formats/search-api.md).
-- Columns hold jieba-segmented, space-separated tokens (search/analysis/document.ts), so the
-- unicode61 tokenizer only splits on spaces and punctuation; see docs/decisions/0002-chinese-search.md.
CREATE VIRTUAL TABLE `offerings_fts` USING fts5(
	tokens_title, tokens_provider, tokens_summary, tokens_body, tokens_pinyin, tokens_initials, tokens_chars,
	content='search_documents', content_rowid='doc_id',
	tokenize='unicode61 remove_diacritics 2', prefix='2 3'
);
--> statement-breakpoint
-- One row per (term, column): the planner's dictionary for typo correction and known words.
CREATE VIRTUAL TABLE `offerings_fts_vocab` USING fts5vocab('offerings_fts', 'col');
--> statement-breakpoint
INSERT INTO `search_state` (`id`, `docs_version`, `synonyms_version`) VALUES (1, 0, 0);
--> statement-breakpoint
CREATE TRIGGER `search_documents_fts_insert` AFTER INSERT ON `search_documents` BEGIN
	INSERT INTO offerings_fts (rowid, tokens_title, tokens_provider, tokens_summary, tokens_body, tokens_pinyin, tokens_initials, tokens_chars)
	VALUES (new.doc_id, new.tokens_title, new.tokens_provider, new.tokens_summary, new.tokens_body, new.tokens_pinyin, new.tokens_initials, new.tokens_chars);
	UPDATE search_state SET docs_version = docs_version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `search_documents_fts_delete` AFTER DELETE ON `search_documents` BEGIN
	INSERT INTO offerings_fts (offerings_fts, rowid, tokens_title, tokens_provider, tokens_summary, tokens_body, tokens_pinyin, tokens_initials, tokens_chars)
	VALUES ('delete', old.doc_id, old.tokens_title, old.tokens_provider, old.tokens_summary, old.tokens_body, old.tokens_pinyin, old.tokens_initials, old.tokens_chars);
	UPDATE search_state SET docs_version = docs_version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `search_documents_fts_update` AFTER UPDATE ON `search_documents` BEGIN
	INSERT INTO offerings_fts (offerings_fts, rowid, tokens_title, tokens_provider, tokens_summary, tokens_body, tokens_pinyin, tokens_initials, tokens_chars)
	VALUES ('delete', old.doc_id, old.tokens_title, old.tokens_provider, old.tokens_summary, old.tokens_body, old.tokens_pinyin, old.tokens_initials, old.tokens_chars);
	INSERT INTO offerings_fts (rowid, tokens_title, tokens_provider, tokens_summary, tokens_body, tokens_pinyin, tokens_initials, tokens_chars)
	VALUES (new.doc_id, new.tokens_title, new.tokens_provider, new.tokens_summary, new.tokens_body, new.tokens_pinyin, new.tokens_initials, new.tokens_chars);
	UPDATE search_state SET docs_version = docs_version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `search_synonyms_version_insert` AFTER INSERT ON `search_synonyms` BEGIN
	UPDATE search_state SET synonyms_version = synonyms_version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `search_synonyms_version_update` AFTER UPDATE ON `search_synonyms` BEGIN
	UPDATE search_state SET synonyms_version = synonyms_version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `search_synonyms_version_delete` AFTER DELETE ON `search_synonyms` BEGIN
	UPDATE search_state SET synonyms_version = synonyms_version + 1 WHERE id = 1;
END;
--> statement-breakpoint
INSERT INTO `search_synonyms` (`terms`) VALUES
	('["MES","制造执行系统"]'),
	('["ERP","企业资源计划"]'),
	('["CRM","客户关系管理"]'),
	('["PLM","产品生命周期管理"]'),
	('["SCADA","数据采集与监视控制"]'),
	('["WMS","仓储管理"]'),
	('["上云","云服务"]'),
	('["IoT","物联网"]');
