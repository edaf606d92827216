-- When what readers see next changes (worker/data/publications.ts NEXT_DUE)
-- asks for the earliest expiry still ahead among public publications on
-- every uncached list and page. Without an index that is a scan of every
-- public row: 136 ms at 100,000 publications, against 18 at 10,000.
CREATE INDEX publications_expiry ON publications (expires_at)
  WHERE status IN ('published', 'scheduled') AND expires_at IS NOT NULL;
