-- Prototype review sign-off (manual steps 6, 7 and 9): review rounds per project and gate
-- (7 = prototype validation, 9 = user acceptance test), their artifacts, required reviewers and
-- verdicts. A round's content_hash is the sha256 over the sorted sha256s of its current
-- artifacts; a verdict counts only while its signed hash equals the round's hash. A passed
-- round writes gate_signoffs (foundation table) in the same transaction.
-- No FOREIGN KEY constraints (see 001_foundation.sql); services check references.

CREATE SEQUENCE seq_review_rounds START 1;
CREATE SEQUENCE seq_review_artifacts START 1;
CREATE SEQUENCE seq_review_verdicts START 1;

CREATE TABLE review_rounds (
    id            INTEGER PRIMARY KEY DEFAULT nextval('seq_review_rounds'),
    project_id    INTEGER NOT NULL,
    stage_no      INTEGER NOT NULL CHECK (stage_no IN (7, 9)),
    round_no      INTEGER NOT NULL,
    changes       VARCHAR NOT NULL DEFAULT '',
    pass_rule     VARCHAR NOT NULL CHECK (pass_rule IN ('all', 'majority')),
    due_at        TIMESTAMP NOT NULL,
    status        VARCHAR NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'passed', 'failed')),
    content_hash  VARCHAR NOT NULL,
    created_by    VARCHAR NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    closed_at     TIMESTAMP
);
CREATE INDEX review_rounds_project ON review_rounds (project_id, stage_no);

CREATE TABLE review_reviewers (
    round_id  INTEGER NOT NULL,
    user_id   INTEGER NOT NULL,
    PRIMARY KEY (round_id, user_id)
);

CREATE TABLE review_artifacts (
    id             INTEGER PRIMARY KEY DEFAULT nextval('seq_review_artifacts'),
    round_id       INTEGER NOT NULL,
    kind           VARCHAR NOT NULL CHECK (kind IN ('file', 'link')),
    attachment_id  INTEGER,
    url            VARCHAR,
    label          VARCHAR NOT NULL,
    media_type     VARCHAR NOT NULL DEFAULT '',
    size_bytes     INTEGER NOT NULL DEFAULT 0,
    sha256         VARCHAR NOT NULL,
    added_by       VARCHAR NOT NULL,
    added_at       TIMESTAMP NOT NULL,
    removed_by     VARCHAR,
    removed_at     TIMESTAMP
);
CREATE INDEX review_artifacts_round ON review_artifacts (round_id);

CREATE TABLE review_verdicts (
    id            INTEGER PRIMARY KEY DEFAULT nextval('seq_review_verdicts'),
    round_id      INTEGER NOT NULL,
    reviewer_id   INTEGER NOT NULL,
    verdict       VARCHAR NOT NULL CHECK (verdict IN ('approve', 'changes', 'reject')),
    comment       VARCHAR NOT NULL DEFAULT '',
    content_hash  VARCHAR NOT NULL,
    signed_at     TIMESTAMP NOT NULL,
    late          BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX review_verdicts_round ON review_verdicts (round_id);

-- Per-requirement remarks of a verdict (the optional checklist of stage 4's requirements).
CREATE TABLE review_item_comments (
    verdict_id        INTEGER NOT NULL,
    requirement_id    INTEGER NOT NULL,
    requirement_code  VARCHAR NOT NULL,
    requirement_text  VARCHAR NOT NULL,
    ok                BOOLEAN,
    comment           VARCHAR NOT NULL DEFAULT '',
    PRIMARY KEY (verdict_id, requirement_id)
);
