-- One row per variant set: the variants of every tone for one segment and content set, generated once by one
-- provider and model with one prompt version. Customers of the segment are served from here after a restart.
CREATE TABLE variant_set (
    id             TEXT PRIMARY KEY,
    segment_id     TEXT        NOT NULL,
    segment_label  TEXT        NOT NULL,
    content_hash   TEXT        NOT NULL,
    prompt_version TEXT        NOT NULL,
    provider       TEXT        NOT NULL,
    model          TEXT        NOT NULL,
    variants       JSONB       NOT NULL,
    valid_variants INTEGER     NOT NULL,
    tokens_in      BIGINT      NOT NULL,
    tokens_out     BIGINT      NOT NULL,
    cost_usd       NUMERIC(18, 8) NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX variant_set_segment ON variant_set (segment_id, created_at DESC);
