-- Proposals (manual steps 1-3): development drivers, project proposals with their versions,
-- action plans and the approval chain. No FOREIGN KEY constraints (see 001): services check.
-- Working-day counts of the time standards are computed with the working calendar when the
-- step happens and stored, so the KPI stays pure SQL.

CREATE SEQUENCE seq_drivers START 1;
CREATE SEQUENCE seq_proposals START 1;
CREATE SEQUENCE seq_proposal_versions START 1;
CREATE SEQUENCE seq_proposal_events START 1;
CREATE SEQUENCE seq_proposal_plan START 1;

-- Step 1: what makes the town develop a system (a need, a problem, an executive directive, a
-- strategy), with the IT unit's consideration of it.
CREATE TABLE drivers (
    id                  INTEGER PRIMARY KEY DEFAULT nextval('seq_drivers'),
    code                VARCHAR NOT NULL,
    kind                VARCHAR NOT NULL CHECK (kind IN ('need', 'problem', 'directive', 'strategy')),
    unit_code           VARCHAR,
    doc_no              VARCHAR NOT NULL DEFAULT '',
    doc_date            DATE,
    description         VARCHAR NOT NULL,
    received_on         DATE NOT NULL,
    fiscal_year         INTEGER NOT NULL,
    status              VARCHAR NOT NULL DEFAULT 'pending'
                        CHECK (status IN ('pending', 'accepted', 'merged', 'declined')),
    merged_into         INTEGER,
    decision_reason     VARCHAR NOT NULL DEFAULT '',
    considered_at       TIMESTAMP,
    considered_by       VARCHAR,
    consider_days       INTEGER,          -- working days from received_on to considered_at
    recorded_by         VARCHAR NOT NULL,
    recorded_at         TIMESTAMP NOT NULL
);
CREATE INDEX drivers_fy ON drivers (fiscal_year);

-- Step 2 and 3: the proposal's working copy (the version being drafted or reviewed).
CREATE TABLE proposals (
    id                  INTEGER PRIMARY KEY DEFAULT nextval('seq_proposals'),
    code                VARCHAR NOT NULL,
    fiscal_year         INTEGER NOT NULL,
    unit_code           VARCHAR,
    title               VARCHAR NOT NULL,
    status              VARCHAR NOT NULL DEFAULT 'draft'
                        CHECK (status IN ('draft', 'submitted', 'proposed', 'approved', 'returned', 'rejected')),
    version             INTEGER NOT NULL DEFAULT 1,   -- the version being worked on / reviewed
    revision            INTEGER NOT NULL DEFAULT 1,   -- bumped by every change (stale-page check)
    rationale           VARCHAR NOT NULL DEFAULT '',
    objectives          VARCHAR NOT NULL DEFAULT '',
    targets             VARCHAR NOT NULL DEFAULT '',
    scope               VARCHAR NOT NULL DEFAULT '',
    budget_kind         VARCHAR CHECK (budget_kind IS NULL OR budget_kind IN ('amount', 'none')),
    budget_amount       DECIMAL(14, 2),
    start_date          DATE,
    end_date            DATE,
    indicators          VARCHAR NOT NULL DEFAULT '',
    personnel           VARCHAR NOT NULL DEFAULT '',
    responsible_user_id INTEGER,
    draft_started_at    TIMESTAMP NOT NULL,           -- start of the 15-day drafting clock
    first_submitted_at  TIMESTAMP,
    draft_days          INTEGER,                      -- working days to the first submission
    submitted_at        TIMESTAMP,                    -- latest submission
    proposed_at         TIMESTAMP,                    -- latest proposal to the executive
    propose_days        INTEGER,                      -- working days submitted -> proposed (latest)
    decided_at          TIMESTAMP,                    -- approved or rejected
    project_id          INTEGER,
    created_by          VARCHAR NOT NULL,
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL
);
CREATE INDEX proposals_fy ON proposals (fiscal_year);

CREATE TABLE proposal_drivers (
    proposal_id INTEGER NOT NULL,
    driver_id   INTEGER NOT NULL,
    PRIMARY KEY (proposal_id, driver_id)
);

-- The action plan (แผนปฏิบัติงาน): one row per activity, the months it runs in as month numbers
-- in fiscal order ("10,11,12,1").
CREATE TABLE proposal_plan (
    id          INTEGER PRIMARY KEY DEFAULT nextval('seq_proposal_plan'),
    proposal_id INTEGER NOT NULL,
    row_no      INTEGER NOT NULL,
    activity    VARCHAR NOT NULL,
    months      VARCHAR NOT NULL DEFAULT ''
);
CREATE INDEX proposal_plan_proposal ON proposal_plan (proposal_id);

-- Every submitted version, frozen (JSON of every part and the action plan).
CREATE TABLE proposal_versions (
    id            INTEGER PRIMARY KEY DEFAULT nextval('seq_proposal_versions'),
    proposal_id   INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    snapshot_json VARCHAR NOT NULL,
    submitted_by  VARCHAR NOT NULL,
    submitted_at  TIMESTAMP NOT NULL
);
CREATE INDEX proposal_versions_proposal ON proposal_versions (proposal_id);

-- Who did what, when, with which comment (also in the audit log).
CREATE TABLE proposal_events (
    id          BIGINT PRIMARY KEY DEFAULT nextval('seq_proposal_events'),
    proposal_id INTEGER NOT NULL,
    version     INTEGER NOT NULL,
    action      VARCHAR NOT NULL,
    from_status VARCHAR,
    to_status   VARCHAR NOT NULL,
    actor       VARCHAR NOT NULL,
    at_time     TIMESTAMP NOT NULL,
    comment     VARCHAR NOT NULL DEFAULT ''
);
CREATE INDEX proposal_events_proposal ON proposal_events (proposal_id);
