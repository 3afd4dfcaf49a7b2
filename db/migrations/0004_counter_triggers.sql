-- The live counter's roll-up (issue 4, docs/decisions/0004-adoption-ledger-and-counter.md).
-- adoption_counted holds one row per counted enterprise and campaign, written by the application
-- in the same transaction as the ledger change; these triggers keep counter_cells (the sums a
-- snapshot reads) equal to it, whoever writes. Each decrement is its own fully keyed UPDATE so it
-- is a primary-key lookup, not a scan of the campaign's cells. The cells mirror cellsOf() in
-- app/domain/adoption-counting.ts, which counter:verify uses to recompute them.
CREATE TRIGGER adoption_counted_cells_insert AFTER INSERT ON adoption_counted
BEGIN
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
  ON CONFLICT (campaign_id, kind, scope, dim, key) DO UPDATE SET count = count + 1;
END;
--> statement-breakpoint
CREATE TRIGGER adoption_counted_cells_delete AFTER DELETE ON adoption_counted
BEGIN
  UPDATE counter_cells SET count = count - 1 WHERE campaign_id = OLD.campaign_id AND kind = OLD.kind AND scope = '*' AND dim = 'total' AND key = '';
  UPDATE counter_cells SET count = count - 1 WHERE campaign_id = OLD.campaign_id AND kind = OLD.kind AND scope = '*' AND dim = 'prefecture' AND key = OLD.prefecture;
  UPDATE counter_cells SET count = count - 1 WHERE campaign_id = OLD.campaign_id AND kind = OLD.kind AND scope = '*' AND dim = 'industry' AND key = OLD.industry;
  UPDATE counter_cells SET count = count - 1 WHERE campaign_id = OLD.campaign_id AND kind = OLD.kind AND scope = '*' AND dim = 'level' AND key = OLD.level;
  UPDATE counter_cells SET count = count - 1 WHERE campaign_id = OLD.campaign_id AND kind = OLD.kind AND scope = '*' AND dim = 'month' AND key = OLD.month;
  UPDATE counter_cells SET count = count - 1 WHERE campaign_id = OLD.campaign_id AND kind = OLD.kind AND scope = OLD.prefecture AND dim = 'total' AND key = '';
  UPDATE counter_cells SET count = count - 1 WHERE campaign_id = OLD.campaign_id AND kind = OLD.kind AND scope = OLD.prefecture AND dim = 'prefecture' AND key = OLD.prefecture;
  UPDATE counter_cells SET count = count - 1 WHERE campaign_id = OLD.campaign_id AND kind = OLD.kind AND scope = OLD.prefecture AND dim = 'industry' AND key = OLD.industry;
  UPDATE counter_cells SET count = count - 1 WHERE campaign_id = OLD.campaign_id AND kind = OLD.kind AND scope = OLD.prefecture AND dim = 'level' AND key = OLD.level;
  UPDATE counter_cells SET count = count - 1 WHERE campaign_id = OLD.campaign_id AND kind = OLD.kind AND scope = OLD.prefecture AND dim = 'month' AND key = OLD.month;
  UPDATE counter_cells SET count = count - 1 WHERE campaign_id = OLD.campaign_id AND kind = OLD.kind AND scope = OLD.prefecture AND dim = 'industry-month' AND key = OLD.industry || '|' || OLD.month;
END;
--> statement-breakpoint
CREATE TRIGGER adoption_counted_cells_update AFTER UPDATE ON adoption_counted
BEGIN
  UPDATE counter_cells SET count = count - 1 WHERE campaign_id = OLD.campaign_id AND kind = OLD.kind AND scope = '*' AND dim = 'total' AND key = '';
  UPDATE counter_cells SET count = count - 1 WHERE campaign_id = OLD.campaign_id AND kind = OLD.kind AND scope = '*' AND dim = 'prefecture' AND key = OLD.prefecture;
  UPDATE counter_cells SET count = count - 1 WHERE campaign_id = OLD.campaign_id AND kind = OLD.kind AND scope = '*' AND dim = 'industry' AND key = OLD.industry;
  UPDATE counter_cells SET count = count - 1 WHERE campaign_id = OLD.campaign_id AND kind = OLD.kind AND scope = '*' AND dim = 'level' AND key = OLD.level;
  UPDATE counter_cells SET count = count - 1 WHERE campaign_id = OLD.campaign_id AND kind = OLD.kind AND scope = '*' AND dim = 'month' AND key = OLD.month;
  UPDATE counter_cells SET count = count - 1 WHERE campaign_id = OLD.campaign_id AND kind = OLD.kind AND scope = OLD.prefecture AND dim = 'total' AND key = '';
  UPDATE counter_cells SET count = count - 1 WHERE campaign_id = OLD.campaign_id AND kind = OLD.kind AND scope = OLD.prefecture AND dim = 'prefecture' AND key = OLD.prefecture;
  UPDATE counter_cells SET count = count - 1 WHERE campaign_id = OLD.campaign_id AND kind = OLD.kind AND scope = OLD.prefecture AND dim = 'industry' AND key = OLD.industry;
  UPDATE counter_cells SET count = count - 1 WHERE campaign_id = OLD.campaign_id AND kind = OLD.kind AND scope = OLD.prefecture AND dim = 'level' AND key = OLD.level;
  UPDATE counter_cells SET count = count - 1 WHERE campaign_id = OLD.campaign_id AND kind = OLD.kind AND scope = OLD.prefecture AND dim = 'month' AND key = OLD.month;
  UPDATE counter_cells SET count = count - 1 WHERE campaign_id = OLD.campaign_id AND kind = OLD.kind AND scope = OLD.prefecture AND dim = 'industry-month' AND key = OLD.industry || '|' || OLD.month;
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
  ON CONFLICT (campaign_id, kind, scope, dim, key) DO UPDATE SET count = count + 1;
END;
--> statement-breakpoint
-- An enterprise is attributed to its registered prefecture and industry, and counts as
-- 'deepening' instead of 'new' while marked on the cloud before the campaign: when its profile
-- changes (by any code path), its counted rows follow, and the triggers above move the sums.
CREATE TRIGGER enterprises_counter_attribution AFTER UPDATE OF prefecture, industry, on_cloud_before_campaign ON enterprises
WHEN OLD.prefecture IS NOT NEW.prefecture OR OLD.industry IS NOT NEW.industry
  OR OLD.on_cloud_before_campaign IS NOT NEW.on_cloud_before_campaign
BEGIN
  UPDATE adoption_counted
  SET prefecture = NEW.prefecture,
      industry = NEW.industry,
      kind = CASE WHEN NEW.on_cloud_before_campaign THEN 'deepening' ELSE 'new' END
  WHERE enterprise_id = NEW.id;
END;
