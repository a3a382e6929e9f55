-- The store keeps the last computed day's rows up to date itself (PingStore): an installation that changes driver
-- takes one from its old value's row and adds one to the new value's, so a value's row may fall to 0 installations
-- until the next recompute of that day deletes it. A value nobody runs is not part of the breakdown: readers never
-- see such a row. (CREATE OR REPLACE keeps the view's grants.)
CREATE OR REPLACE VIEW read_installations_breakdown AS
    SELECT day, include_dev, dimension, value, installations, hosted_instances, remote_instances
    FROM installations_breakdown_daily
    WHERE installations > 0;
