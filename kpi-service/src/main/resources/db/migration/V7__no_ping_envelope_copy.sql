-- installation_ping kept each ping's whole envelope as jsonb, which nothing reads: telemetry.pings.v1 keeps every
-- record for ever (retention -1) and is the record, replayable into the same views. Converting and writing ~1 KB of
-- jsonb was half the cost of storing a ping (10,000 pings into a table of a million: 662 ms with it, 322 ms
-- without, docs/performance.md) and ~1 KB a ping of disk (18 GB a year at 50,000 installations).
ALTER TABLE installation_ping DROP COLUMN event;
