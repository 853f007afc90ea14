-- The audit trail: one row per screening decision, made once per variant, text and policy version (a variant id names
-- what the variant was written from; text_hash, its words). It is also the verdict cache: N customers of a segment
-- cost one screening per variant, across restarts and replicas.
CREATE TABLE screening_decision (
    id                BIGSERIAL PRIMARY KEY,
    decided_at        TIMESTAMPTZ NOT NULL,
    variant_id        TEXT        NOT NULL,
    text_hash         TEXT        NOT NULL,
    policy_version    TEXT        NOT NULL,
    segment_id        TEXT        NOT NULL,
    tone              TEXT        NOT NULL,
    decision          TEXT        NOT NULL CHECK (decision IN ('pass', 'block')),
    provider          TEXT        NOT NULL,
    hate              SMALLINT,
    self_harm         SMALLINT,
    sexual            SMALLINT,
    violence          SMALLINT,
    blocklist_matches JSONB       NOT NULL,
    reasons           JSONB       NOT NULL,
    verdict           JSONB       NOT NULL,
    CONSTRAINT screening_decision_once UNIQUE (variant_id, text_hash, policy_version)
);

CREATE INDEX screening_decision_time ON screening_decision (decided_at DESC);
CREATE INDEX screening_decision_segment ON screening_decision (segment_id, decided_at DESC);
