DROP INDEX `adoption_event_states_enterprise_idx`;--> statement-breakpoint
-- The live counter's roll-up (issue 4, docs/decisions/0004-adoption-ledger-and-counter.md).
-- A development database migrated with an earlier draft of 0004 may have per-row cell triggers.
-- counter_cells sums adoption_counted (one row per counted enterprise and campaign). The ledger
-- writer adds inserted and deleted rows once per transaction; a row that CHANGES — a new first
-- event, or its enterprise's prefecture, industry or baseline flag edited by any code path — is
-- moved by the trigger below. Both are additions (an upsert of -1 creates a cell the writer has not
-- flushed yet), so they commute: the order of trigger and flush within a transaction does not
-- matter. The cells mirror cellsOf() in app/domain/adoption-counting.ts, which counter:verify uses
-- to recompute them.
DROP TRIGGER IF EXISTS `adoption_counted_cells_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `adoption_counted_cells_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `adoption_counted_cells_update`;--> statement-breakpoint
CREATE TRIGGER adoption_counted_cells_update AFTER UPDATE ON adoption_counted
BEGIN
  INSERT INTO counter_cells (campaign_id, kind, scope, dim, key, count) VALUES
    (OLD.campaign_id, OLD.kind, '*', 'total', '', -1),
    (OLD.campaign_id, OLD.kind, '*', 'prefecture', OLD.prefecture, -1),
    (OLD.campaign_id, OLD.kind, '*', 'industry', OLD.industry, -1),
    (OLD.campaign_id, OLD.kind, '*', 'level', OLD.level, -1),
    (OLD.campaign_id, OLD.kind, '*', 'month', OLD.month, -1),
    (OLD.campaign_id, OLD.kind, OLD.prefecture, 'total', '', -1),
    (OLD.campaign_id, OLD.kind, OLD.prefecture, 'prefecture', OLD.prefecture, -1),
    (OLD.campaign_id, OLD.kind, OLD.prefecture, 'industry', OLD.industry, -1),
    (OLD.campaign_id, OLD.kind, OLD.prefecture, 'level', OLD.level, -1),
    (OLD.campaign_id, OLD.kind, OLD.prefecture, 'month', OLD.month, -1),
    (OLD.campaign_id, OLD.kind, OLD.prefecture, 'industry-month', OLD.industry || '|' || OLD.month, -1)
  ON CONFLICT (campaign_id, kind, scope, dim, key) DO UPDATE SET count = count + excluded.count;
  INSERT INTO counter_cells (campaign_id, kind, scope, dim, key, count) VALUES
    (NEW.campaign_id, NEW.kind, '*', 'total', '', 1),
    (NEW.campaign_id, NEW.kind, '*', 'prefecture', NEW.prefecture, 1),
    (NEW.campaign_id, NEW.kind, '*', 'industry', NEW.industry, 1),
    (NEW.campaign_id, NEW.kind, '*', 'level', NEW.level, 1),
    (NEW.campaign_id, NEW.kind, '*', 'month', NEW.month, 1),
    (NEW.campaign_id, NEW.kind, NEW.prefecture, 'total', '', 1),
    (NEW.campaign_id, NEW.kind, NEW.prefecture, 'prefecture', NEW.prefecture, 1),
    (NEW.campaign_id, NEW.kind, NEW.prefecture, 'industry', NEW.industry, 1),
    (NEW.campaign_id, NEW.kind, NEW.prefecture, 'level', NEW.level, 1),
    (NEW.campaign_id, NEW.kind, NEW.prefecture, 'month', NEW.month, 1),
    (NEW.campaign_id, NEW.kind, NEW.prefecture, 'industry-month', NEW.industry || '|' || NEW.month, 1)
  ON CONFLICT (campaign_id, kind, scope, dim, key) DO UPDATE SET count = count + excluded.count;
END;
