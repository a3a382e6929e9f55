-- The KPIs of the weekly review: what kpi-service receives for them, their definitions (from its configuration) and
-- their weekly figures (recomputed from the other views and these tables). growth-api reads only the read_* views.

-- kpi.observations.v1: one figure per KPI, source and week (moment IS NULL: the whole week's figure) or moment;
-- a later record of the same key replaces the value, so replaying the topic gives the same rows.
CREATE TABLE kpi_observation (
    kpi varchar(64) NOT NULL,
    source varchar(128) NOT NULL,
    week_start date NOT NULL,
    whole_week boolean NOT NULL,
    -- the moment observed, or the week's Monday 00:00 UTC for a whole week's figure
    observed_at timestamptz NOT NULL,
    value numeric NOT NULL,
    PRIMARY KEY (kpi, source, whole_week, observed_at));
CREATE INDEX kpi_observation_kpi_week ON kpi_observation (kpi, week_start);

-- engineering.pull-requests.v1: each merged pull request once (repository compared case-insensitively), at its
-- earliest merged_at, whatever the order or number of deliveries.
CREATE TABLE merged_pull_request (
    repository_key varchar(200) NOT NULL,
    number bigint NOT NULL,
    repository varchar(200) NOT NULL,
    merged_at timestamptz NOT NULL,
    PRIMARY KEY (repository_key, number));
CREATE INDEX merged_pull_request_merged_at ON merged_pull_request (merged_at);

-- The KPIs as configured (kpi.definitions.*), rewritten by kpi-service at start-up.
CREATE TABLE kpi_definition (
    key varchar(64) PRIMARY KEY,
    position integer NOT NULL,
    name varchar(200) NOT NULL,
    unit varchar(64) NOT NULL,
    kind varchar(8) NOT NULL,
    source varchar(64) NOT NULL,
    -- wow-growth (target_value: the weekly growth in %), goal (target_value), kpi (target_kpi) or none
    target_kind varchar(16) NOT NULL,
    target_value numeric,
    target_kpi varchar(64),
    description text NOT NULL DEFAULT '');

-- Each KPI's figures per ISO week (week_start: its Monday), from its first week with data to the current week.
CREATE TABLE kpi_weekly (
    kpi varchar(64) NOT NULL,
    week_start date NOT NULL,
    value numeric,
    previous_value numeric,
    wow_growth_pct numeric,
    target_value numeric,
    on_track boolean,
    PRIMARY KEY (kpi, week_start));

CREATE VIEW read_kpi_definitions AS
    SELECT key, position, name, unit, kind, source, target_kind, target_value, target_kpi, description FROM kpi_definition;
CREATE VIEW read_kpi_weekly AS
    SELECT kpi, week_start, value, previous_value, wow_growth_pct, target_value, on_track FROM kpi_weekly;
CREATE VIEW read_merged_pull_requests AS SELECT repository, number, merged_at FROM merged_pull_request;
