ALTER TABLE `campaigns` ADD `counts_status` text DEFAULT 'ready' NOT NULL;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `build_cursor` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `build_done` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `build_total` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Several campaigns (formats/adoption-events.md): an enterprise is deepening in a campaign when it
-- is marked on the cloud before the first campaign OR has a verified event dated before that
-- campaign's start. When the flag (or prefecture, industry) is edited, its counted rows follow;
-- this restates onCloudAtStart() of app/domain/adoption-counting.ts in SQL, and counter:verify
-- (run after every integration test) proves the two agree.
DROP TRIGGER `enterprises_counter_attribution`;
--> statement-breakpoint
CREATE TRIGGER enterprises_counter_attribution AFTER UPDATE OF prefecture, industry, on_cloud_before_campaign ON enterprises
WHEN OLD.prefecture IS NOT NEW.prefecture OR OLD.industry IS NOT NEW.industry
  OR OLD.on_cloud_before_campaign IS NOT NEW.on_cloud_before_campaign
BEGIN
  UPDATE adoption_counted
  SET prefecture = NEW.prefecture,
      industry = NEW.industry,
      kind = CASE WHEN NEW.on_cloud_before_campaign OR EXISTS (
          SELECT 1 FROM adoption_events e
          JOIN adoption_event_states s ON s.event_id = e.id
          JOIN campaigns c ON c.id = adoption_counted.campaign_id
          WHERE e.enterprise_id = NEW.id AND e.occurred_at < c.starts_on AND s.status = 'verified'
        ) THEN 'deepening' ELSE 'new' END
  WHERE enterprise_id = NEW.id;
END;
