-- The content version: every cached read is filed under it, and any change
-- to what readers see moves it on. The triggers below move it in the same
-- transaction as the write itself, so no write can commit without it, no
-- route has to remember it, and Workers KV's one write a second per key
-- no longer limits how fast editors may save.
--
-- The epoch, drawn once per database, keeps two databases' versions apart:
-- copies in a shared cache made from one are never taken for the other's.
CREATE TABLE content_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  epoch TEXT NOT NULL,
  version INTEGER NOT NULL
);
INSERT INTO content_version (id, epoch, version) VALUES (1, lower(hex(randomblob(8))), 1);

CREATE TRIGGER publications_inserted_content AFTER INSERT ON publications
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER publications_updated_content AFTER UPDATE ON publications
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER publications_deleted_content AFTER DELETE ON publications
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER counters_inserted_content AFTER INSERT ON counters
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER counters_updated_content AFTER UPDATE ON counters
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER counters_deleted_content AFTER DELETE ON counters
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER site_updated_content AFTER UPDATE ON site
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
