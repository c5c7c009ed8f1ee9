-- Stage tracker (manual steps 4-12): one row per project and stage, with the plan computed from
-- the time standards in working days when the project was created, the actual dates, the
-- responsible officer, notes, the waiver of a rushed stage, and the deadline of a deadline stage
-- (filled in when its clock starts: the day its predecessor finished).
-- Gate stages 7 and 9 finish only through gate_signoffs (written by the prototype review
-- sign-off); the view stage_state reads their end from there.

CREATE SEQUENCE seq_project_stages START 1;
CREATE TABLE project_stages (
    id                  INTEGER PRIMARY KEY DEFAULT nextval('seq_project_stages'),
    project_id          INTEGER NOT NULL,
    stage_no            INTEGER NOT NULL CHECK (stage_no BETWEEN 4 AND 12),
    std_days            INTEGER NOT NULL,
    std_kind            VARCHAR NOT NULL CHECK (std_kind IN ('deadline', 'minimum')),
    planned_start       DATE NOT NULL,
    planned_end         DATE NOT NULL,
    actual_start        DATE,
    actual_end          DATE,
    due_on              DATE,
    spent_days          INTEGER,
    rushed              BOOLEAN NOT NULL DEFAULT FALSE,
    waiver_reason       VARCHAR,
    responsible_user_id INTEGER,
    notes               VARCHAR NOT NULL DEFAULT '',
    updated_at          TIMESTAMP NOT NULL,
    updated_by          VARCHAR NOT NULL
);
CREATE INDEX project_stages_project ON project_stages (project_id, stage_no);

CREATE SEQUENCE seq_stage_links START 1;
CREATE TABLE stage_links (
    id          INTEGER PRIMARY KEY DEFAULT nextval('seq_stage_links'),
    project_id  INTEGER NOT NULL,
    stage_no    INTEGER NOT NULL,
    url         VARCHAR NOT NULL,
    label       VARCHAR NOT NULL DEFAULT '',
    created_by  VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL
);

CREATE SEQUENCE seq_training_sessions START 1;
CREATE TABLE training_sessions (
    id          INTEGER PRIMARY KEY DEFAULT nextval('seq_training_sessions'),
    project_id  INTEGER NOT NULL,
    held_on     DATE NOT NULL,
    hours       DOUBLE NOT NULL,
    unit_codes  VARCHAR NOT NULL,          -- comma-separated org_units codes
    attendees   INTEGER NOT NULL,
    created_by  VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL
);

CREATE TABLE launch_letters (
    project_id    INTEGER PRIMARY KEY,
    reference_no  VARCHAR NOT NULL,
    letter_date   DATE NOT NULL,
    go_live_on    DATE NOT NULL,
    system_id     INTEGER NOT NULL,
    signer_name   VARCHAR NOT NULL,
    signer_position VARCHAR NOT NULL,
    issued_by     VARCHAR NOT NULL,
    issued_at     TIMESTAMP NOT NULL
);

CREATE VIEW stage_state AS
SELECT s.*,
       CASE WHEN s.stage_no IN (7, 9) THEN coalesce(s.actual_start, CAST(g.passed_at AS DATE))
            ELSE s.actual_start END AS start_on,
       CASE WHEN s.stage_no IN (7, 9) THEN CAST(g.passed_at AS DATE)
            ELSE s.actual_end END AS end_on,
       g.passed_at AS signed_off_at,
       g.round_id AS signoff_round_id
FROM project_stages s
LEFT JOIN gate_signoffs g ON g.project_id = s.project_id AND g.stage_no = s.stage_no;
