-- Current state of each CRM customer as far as segmentation needs it.
-- Data minimisation: names and e-mail addresses are never stored here; delivery resolves them from the CRM.
CREATE TABLE customer_state (
    customer_id        VARCHAR(128)   PRIMARY KEY,
    last_event_id      UUID           NOT NULL,
    last_event_at      TIMESTAMPTZ    NOT NULL,
    account_created_at TIMESTAMPTZ,
    last_activity_at   TIMESTAMPTZ,
    first_purchase_at  TIMESTAMPTZ,
    last_purchase_at   TIMESTAMPTZ,
    order_count        INTEGER        NOT NULL CHECK (order_count >= 0),
    total_spend        NUMERIC(19, 4) NOT NULL CHECK (total_spend >= 0),
    currency           VARCHAR(3),
    tier               VARCHAR(32),
    email_consent      BOOLEAN        NOT NULL,
    segment_id         VARCHAR(64),
    segment_label      VARCHAR(128),
    segment_strategy   VARCHAR(32),
    model_version      VARCHAR(64),
    updated_at         TIMESTAMPTZ    NOT NULL
);

-- One row per consumed customers event: the idempotency ledger. A redelivered event id is never applied twice.
CREATE TABLE processed_event (
    event_id     UUID         PRIMARY KEY,
    customer_id  VARCHAR(128) NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX processed_event_processed_at_idx ON processed_event (processed_at);
