-- Daily cloud meta snapshots (snapshots.daily.v1): one value per metric per day.
-- Each snapshot replaces its day as a whole (the day's row and all its metrics, in one transaction), so the
-- latest snapshot received for a date is what the tables hold; re-taking a day with the same content changes nothing.
-- kpi-service owns this schema; growth-api reads only the read_* views at the end.

-- One row per day a snapshot was received: what could not be collected for it ([{"source", "error"}], empty when
-- all went well) and when kpi-service last stored it.
CREATE TABLE snapshot_day (day date PRIMARY KEY, failures jsonb NOT NULL DEFAULT '[]', updated_at timestamptz NOT NULL);

-- Every metric of every day's snapshot, exact (numeric, as published).
CREATE TABLE snapshot_metric (day date NOT NULL, name varchar(512) NOT NULL, value numeric NOT NULL, PRIMARY KEY (day, name));
CREATE INDEX snapshot_metric_name_day ON snapshot_metric (name, day);

-- What growth-api reads.
CREATE VIEW read_snapshot_days AS SELECT day, failures FROM snapshot_day;
CREATE VIEW read_snapshot_metrics AS SELECT day, name, value FROM snapshot_metric;
