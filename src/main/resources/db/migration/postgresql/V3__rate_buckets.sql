-- Token buckets shared by every gateway instance, one per sender (its throughput). Taking tokens is one
-- conditional UPDATE, so instances cannot overspend.
CREATE TABLE rate_buckets (
    bucket_key VARCHAR(200)     PRIMARY KEY,
    tokens     DOUBLE PRECISION NOT NULL,
    updated_ms BIGINT           NOT NULL
);
CREATE INDEX ix_rate_buckets_updated ON rate_buckets (updated_ms);
