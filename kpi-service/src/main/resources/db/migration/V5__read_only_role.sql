-- A read-only role for dashboards (Grafana's PostgreSQL datasource, docs/metrics.md): it may read the read_* views,
-- the contract between kpi-service and its readers, and nothing else. A login for Grafana is made by the operator:
--   CREATE ROLE grafana LOGIN PASSWORD '…' IN ROLE growth_reader;
-- Roles belong to the whole PostgreSQL cluster: the role is created once, the grants are made in this schema. Where the
-- migrating user may not create roles, the migration says so and goes on (the views work without the role).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'growth_reader') THEN
        CREATE ROLE growth_reader NOLOGIN;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO growth_reader', current_schema());
    EXECUTE (SELECT string_agg(format('GRANT SELECT ON %I.%I TO growth_reader', schemaname, viewname), '; ')
             FROM pg_views WHERE schemaname = current_schema() AND viewname LIKE 'read\_%');
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'growth_reader not set up (%): create it as a superuser to give dashboards read-only access', SQLERRM;
END
$$;
