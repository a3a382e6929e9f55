-- Revenue: Stripe subscription states (as revenue-service normalized them), the self-service product catalog,
-- sales contracts and CARR goals, and the views kpi-service materializes from them.
-- kpi-service owns this schema; growth-api reads only the read_* views at the end.
-- Amounts are minor units of the row's currency (cents), exact: numeric, never rounded in storage.
-- Currencies are lower case, as Stripe writes them (usd, eur); figures are never summed across currencies.

-- Every subscription event once (event_id = Stripe's evt_… id, or backfill:<sub id>:<epoch seconds>), so a
-- redelivered event is a no-op. The normalized state as of the event, and the whole envelope as received.
CREATE TABLE subscription_event (
    event_id             varchar(255) PRIMARY KEY,
    subscription_id      varchar(255) NOT NULL,
    customer_id          varchar(255),              -- Stripe's customer (may be absent on a deletion)
    event_type           varchar(255) NOT NULL,
    event_created        timestamptz  NOT NULL,
    source               varchar(16)  NOT NULL,     -- webhook | backfill
    deleted              boolean      NOT NULL,     -- customer.subscription.deleted: terminal
    status               varchar(32),               -- Stripe's status (may be absent on a deletion)
    currency             varchar(3),                -- lower case (may be absent on a deletion)
    cancel_at_period_end boolean      NOT NULL,
    cancel_at            timestamptz,
    collection_paused    boolean      NOT NULL,
    event                jsonb        NOT NULL
);
CREATE INDEX subscription_event_subscription ON subscription_event (subscription_id, event_created);
CREATE INDEX subscription_event_customer ON subscription_event (customer_id, event_created);
CREATE INDEX subscription_event_created ON subscription_event (event_created);

-- The items of each event, in the event's order, with the monthly value revenue-service computed.
CREATE TABLE subscription_event_item (
    event_id       varchar(255) NOT NULL REFERENCES subscription_event (event_id) ON DELETE CASCADE,
    position       integer      NOT NULL,
    item_id        varchar(255),
    price_id       varchar(255),
    product_id     varchar(255),                    -- price.product (an item without one never counts)
    quantity       bigint,
    monthly_value  numeric      NOT NULL,
    PRIMARY KEY (event_id, position)
);
CREATE INDEX subscription_event_item_product ON subscription_event_item (product_id);

-- The latest product catalog received (latest published_at wins; a tie goes to the greater products document).
CREATE TABLE revenue_catalog (
    catalog_key  varchar(64) PRIMARY KEY,           -- self-service
    published_at timestamptz NOT NULL,
    products     jsonb       NOT NULL               -- [{"product_id", "name"}] sorted by product_id
);

-- Bookkeeping of the revenue materialization (row 'revenue'): settings = the counting options the rows were
-- computed with; a change recomputes everything.
ALTER TABLE view_refresh ADD COLUMN settings varchar(255);
INSERT INTO view_refresh (view_name) VALUES ('revenue');

-- The current catalog: the products whose subscription items count.
CREATE TABLE revenue_product (product_id varchar(255) PRIMARY KEY, name varchar(255) NOT NULL);

-- Daily MRR (state at the end of the UTC day) per currency and product; a row only where subscriptions > 0.
CREATE TABLE mrr_daily (day date NOT NULL, currency varchar(3) NOT NULL, product_id varchar(255) NOT NULL,
    mrr_cents numeric NOT NULL, subscriptions integer NOT NULL, PRIMARY KEY (day, currency, product_id));

-- MRR movements per customer, day and currency: the signed change of the customer's MRR from the end of the
-- day before. type: new | expansion | contraction | churn | reactivation. Opening balances have no row.
CREATE TABLE mrr_movement (day date NOT NULL, currency varchar(3) NOT NULL, customer_id varchar(255) NOT NULL,
    type varchar(16) NOT NULL, delta_cents numeric NOT NULL, PRIMARY KEY (day, currency, customer_id));
CREATE INDEX mrr_movement_currency_day ON mrr_movement (currency, day);

-- Sales contracts for CARR: the latest state of each (latest updated_at, then the greater event_id).
-- status: signed | pipeline.
CREATE TABLE carr_contract (contract_id varchar(255) PRIMARY KEY, customer varchar(255) NOT NULL, annual_value_cents bigint NOT NULL,
    currency varchar(3) NOT NULL, status varchar(16) NOT NULL, signed_date date, expected_close_date date, start_date date,
    updated_at timestamptz NOT NULL, event_id varchar(255) NOT NULL);

-- The CARR goal of each quarter (2026-Q4): the latest (updated_at, then event_id) wins.
CREATE TABLE carr_goal (quarter varchar(7) PRIMARY KEY, currency varchar(3) NOT NULL, goal_cents bigint NOT NULL,
    updated_at timestamptz NOT NULL, event_id varchar(255) NOT NULL);

-- What growth-api reads.
CREATE VIEW read_revenue_products AS SELECT product_id, name FROM revenue_product;
CREATE VIEW read_mrr_daily AS SELECT day, currency, product_id, mrr_cents, subscriptions FROM mrr_daily;
CREATE VIEW read_mrr_movements AS SELECT day, currency, customer_id, type, delta_cents FROM mrr_movement;
CREATE VIEW read_carr_contracts AS SELECT contract_id, customer, annual_value_cents, currency, status, signed_date, expected_close_date, start_date FROM carr_contract;
CREATE VIEW read_carr_goals AS SELECT quarter, currency, goal_cents FROM carr_goal;
