-- Days whose inputs changed since the last refresh: each stored batch adds the days whose rows it changed.
-- Consumers only insert here, so storing never waits for a refresh: the refresh holds its view_refresh row locked
-- while it recomputes (refreshes of two instances take turns), takes the rows committed before it began (DELETE …
-- RETURNING) and leaves those committed later for the next one; a refresh that fails leaves them all (rolled back).
CREATE TABLE view_dirty_day (
    id         bigserial   PRIMARY KEY,
    view_name  varchar(64) NOT NULL,
    day        date        NOT NULL
);

-- Nothing reads installation_ping by installation and day (installation_day is what the views read): the index
-- only cost every stored ping a second b-tree insert.
DROP INDEX IF EXISTS installation_ping_instance_day;
