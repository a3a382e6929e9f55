-- Installation telemetry: the pings kpi-service consumed, and the views it materializes from them.
-- kpi-service owns this schema; growth-api reads only the read_* views at the end.

-- Every ping once (event_id = the envelope's eventId, so a redelivered or re-imported ping is a no-op).
CREATE TABLE installation_ping (
    event_id          uuid PRIMARY KEY,
    instance_id       varchar(256) NOT NULL,
    received_at       timestamptz  NOT NULL,
    day               date         NOT NULL,
    source            varchar(16)  NOT NULL,
    platform_version  varchar(64),
    nodejs_version    varchar(64),
    os_type           varchar(32),
    driver            varchar(32),
    license_type      varchar(16),
    hosted_instances  bigint,
    remote_instances  bigint,
    event             jsonb        NOT NULL
);
CREATE INDEX installation_ping_instance_day ON installation_ping (instance_id, day);

-- The latest ping of each installation on each UTC day (latest received_at, then highest event_id):
-- all the daily views need. Derived only from installation_ping, so replays give the same rows.
CREATE TABLE installation_day (
    day               date         NOT NULL,
    instance_id       varchar(256) NOT NULL,
    event_id          uuid         NOT NULL,
    received_at       timestamptz  NOT NULL,
    is_dev            boolean      NOT NULL,
    driver            varchar(32)  NOT NULL,
    os_type           varchar(32)  NOT NULL,
    platform_version  varchar(64)  NOT NULL,
    nodejs_version    varchar(64)  NOT NULL,
    license_type      varchar(16)  NOT NULL,
    hosted_instances  bigint       NOT NULL,
    remote_instances  bigint       NOT NULL,
    PRIMARY KEY (day, instance_id)
);
CREATE INDEX installation_day_instance ON installation_day (instance_id, day);

-- Per day, with (include_dev = true) and without (false) developer builds and stub-driver test platforms.
CREATE TABLE installations_daily (
    day               date    NOT NULL,
    include_dev       boolean NOT NULL,
    installations     integer NOT NULL,
    hosted_instances  bigint  NOT NULL,
    remote_instances  bigint  NOT NULL,
    added             integer NOT NULL,
    removed           integer NOT NULL,
    PRIMARY KEY (day, include_dev)
);

-- dimension: driver | os | version | nodejs | license
CREATE TABLE installations_breakdown_daily (
    day               date         NOT NULL,
    include_dev       boolean      NOT NULL,
    dimension         varchar(16)  NOT NULL,
    value             varchar(256) NOT NULL,
    installations     integer      NOT NULL,
    hosted_instances  bigint       NOT NULL,
    remote_instances  bigint       NOT NULL,
    PRIMARY KEY (day, include_dev, dimension, value)
);

-- Bookkeeping of the materialization: which days must be recomputed, and up to which day rows exist.
CREATE TABLE view_refresh (
    view_name         varchar(64) PRIMARY KEY,
    dirty_from        date,
    materialized_from date,
    materialized_to   date,
    window_days       integer
);
INSERT INTO view_refresh (view_name) VALUES ('installations');

-- What growth-api reads. A day with no row had no active installation (zeros).
CREATE VIEW read_installations_daily AS
    SELECT day, include_dev, installations, hosted_instances, remote_instances, added, removed
    FROM installations_daily;

CREATE VIEW read_installations_breakdown AS
    SELECT day, include_dev, dimension, value, installations, hosted_instances, remote_instances
    FROM installations_breakdown_daily;
