-- Experiment definitions: the JSON of ExperimentDefinition, the window in columns for the running-experiment query.
CREATE TABLE experiment (
    id          TEXT PRIMARY KEY,
    source      TEXT        NOT NULL,
    start_at    TIMESTAMPTZ NOT NULL,
    stop_at     TIMESTAMPTZ,
    definition  JSONB       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- ---- The assignment side (screened -> assignments) ----

-- A customer's arm in an experiment: written once, never changed (sticky on redelivery, replay and restart).
CREATE TABLE assignment (
    experiment_id TEXT        NOT NULL REFERENCES experiment (id),
    customer_id   TEXT        NOT NULL,
    arm           TEXT        NOT NULL,
    segment_id    TEXT        NOT NULL,
    causation_id  UUID        NOT NULL,
    assigned_at   TIMESTAMPTZ NOT NULL,
    CONSTRAINT assignment_once_per_customer PRIMARY KEY (experiment_id, customer_id)
);

-- The next permuted-block slot of each stratum, shared by every replica.
CREATE TABLE stratum_counter (
    experiment_id TEXT   NOT NULL REFERENCES experiment (id),
    stratum       TEXT   NOT NULL,
    allocated     BIGINT NOT NULL,
    PRIMARY KEY (experiment_id, stratum)
);

-- Every message sent (one assignment event): the frequency cap reads it, and a replayed screened event finds its
-- message here and is re-published unchanged instead of being capped.
CREATE TABLE contact_log (
    event_id      UUID PRIMARY KEY,
    customer_id   TEXT        NOT NULL,
    experiment_id TEXT        NOT NULL,
    arm           TEXT        NOT NULL,
    contacted_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX contact_log_customer ON contact_log (customer_id, contacted_at DESC);

-- Customers not contacted, by reason; once per screened event.
CREATE TABLE contact_skip (
    experiment_id TEXT        NOT NULL,
    causation_id  UUID        NOT NULL,
    customer_id   TEXT        NOT NULL,
    reason        TEXT        NOT NULL,
    skipped_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (experiment_id, causation_id)
);

-- ---- The measurement side (assignments + engagement -> aggregates) ----

-- Engagement event ids applied: the idempotency key.
CREATE TABLE engagement_event (
    event_id      UUID PRIMARY KEY,
    experiment_id TEXT        NOT NULL,
    customer_id   TEXT        NOT NULL,
    type          TEXT        NOT NULL,
    received_at   TIMESTAMPTZ NOT NULL
);

-- How far each customer went: the unit every count counts.
CREATE TABLE participant (
    experiment_id TEXT    NOT NULL,
    customer_id   TEXT    NOT NULL,
    arm           TEXT    NOT NULL,
    segment_id    TEXT    NOT NULL,
    assigned      BOOLEAN NOT NULL,
    delivered     BOOLEAN NOT NULL,
    opened        BOOLEAN NOT NULL,
    clicked       BOOLEAN NOT NULL,
    converted     BOOLEAN NOT NULL,
    implied_open  BOOLEAN NOT NULL,
    implied_click BOOLEAN NOT NULL,
    conversions   INTEGER NOT NULL,
    revenue       NUMERIC NOT NULL,
    PRIMARY KEY (experiment_id, customer_id)
);

-- The aggregates: one row per experiment, arm and segment, changed by increments; the metrics read only these.
CREATE TABLE tally (
    experiment_id  TEXT             NOT NULL,
    arm            TEXT             NOT NULL,
    segment_id     TEXT             NOT NULL,
    assigned       BIGINT           NOT NULL,
    delivered      BIGINT           NOT NULL,
    opened         BIGINT           NOT NULL,
    clicked        BIGINT           NOT NULL,
    converted      BIGINT           NOT NULL,
    revenue_sum    DOUBLE PRECISION NOT NULL,
    revenue_sum_sq DOUBLE PRECISION NOT NULL,
    implied_opens  BIGINT           NOT NULL,
    implied_clicks BIGINT           NOT NULL,
    orphans        BIGINT           NOT NULL,
    events         BIGINT           NOT NULL,
    PRIMARY KEY (experiment_id, arm, segment_id)
);
