-- An enterprise is attributed to its registered prefecture and industry, and counts as
-- 'deepening' instead of 'new' while marked on the cloud before the campaign: when its profile
-- changes (by any code path), its counted rows follow, and the update trigger on adoption_counted
-- (migration 0010) moves their sums in counter_cells.
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
