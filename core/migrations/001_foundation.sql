-- Foundation: organisation units, users and roles, systems in service, projects, settings,
-- the append-only audit log, attachments, the local holiday adjustments and the gate sign-offs
-- that the stage tracker reads (written by the prototype review sign-off, manual steps 7 and 9).
-- No FOREIGN KEY constraints: DuckDB turns an update of a referenced row into delete+insert and
-- refuses it; services check references instead.

CREATE SEQUENCE seq_users START 1;
CREATE SEQUENCE seq_systems START 1;
CREATE SEQUENCE seq_projects START 1;
CREATE SEQUENCE seq_audit START 1;
CREATE SEQUENCE seq_attachments START 1;
CREATE SEQUENCE seq_calendar START 1;

CREATE TABLE org_units (
    code        VARCHAR PRIMARY KEY,
    name_th     VARCHAR NOT NULL,
    name_en     VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL CHECK (kind IN ('division', 'school')),
    phone       VARCHAR,
    sort_order  INTEGER NOT NULL DEFAULT 0,
    active      BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE users (
    id                  INTEGER PRIMARY KEY DEFAULT nextval('seq_users'),
    username            VARCHAR NOT NULL UNIQUE,
    full_name           VARCHAR NOT NULL,
    position            VARCHAR NOT NULL DEFAULT '',
    unit_code           VARCHAR,
    email               VARCHAR,
    password_hash       VARCHAR NOT NULL,
    active              BOOLEAN NOT NULL DEFAULT TRUE,
    failed_attempts     INTEGER NOT NULL DEFAULT 0,
    locked_until        TIMESTAMP,
    tokens_valid_after  TIMESTAMP,
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL
);

CREATE TABLE user_roles (
    user_id  INTEGER NOT NULL,
    role     VARCHAR NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE systems (
    id              INTEGER PRIMARY KEY DEFAULT nextval('seq_systems'),
    code            VARCHAR NOT NULL UNIQUE,
    name_th         VARCHAR NOT NULL,
    name_en         VARCHAR NOT NULL,
    kind            VARCHAR NOT NULL CHECK (kind IN ('internal', 'eservice')),
    owner_unit_code VARCHAR,
    description     VARCHAR NOT NULL DEFAULT '',
    in_service_since DATE,
    project_id      INTEGER,
    active          BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE projects (
    id                  INTEGER PRIMARY KEY DEFAULT nextval('seq_projects'),
    code                VARCHAR NOT NULL UNIQUE,
    name                VARCHAR NOT NULL,
    proposal_id         INTEGER,
    unit_code           VARCHAR,
    fiscal_year         INTEGER NOT NULL,
    responsible_user_id INTEGER,
    status              VARCHAR NOT NULL DEFAULT 'active'
                        CHECK (status IN ('active', 'live', 'cancelled')),
    system_id           INTEGER,
    approved_at         TIMESTAMP,
    created_at          TIMESTAMP NOT NULL
);

CREATE TABLE settings (
    key         VARCHAR PRIMARY KEY,
    value_json  VARCHAR NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    updated_by  VARCHAR NOT NULL
);

CREATE TABLE audit_log (
    id          BIGINT PRIMARY KEY DEFAULT nextval('seq_audit'),
    at_time     TIMESTAMP NOT NULL,
    actor       VARCHAR NOT NULL,
    action      VARCHAR NOT NULL,
    entity      VARCHAR NOT NULL,
    entity_id   VARCHAR,
    detail_json VARCHAR NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at_time);

CREATE TABLE attachments (
    id          INTEGER PRIMARY KEY DEFAULT nextval('seq_attachments'),
    owner_kind  VARCHAR NOT NULL,
    owner_id    VARCHAR NOT NULL,
    filename    VARCHAR NOT NULL,
    media_type  VARCHAR NOT NULL,
    size_bytes  INTEGER NOT NULL,
    sha256      VARCHAR NOT NULL,
    content     BLOB NOT NULL,
    uploaded_by VARCHAR NOT NULL,
    uploaded_at TIMESTAMP NOT NULL
);

CREATE TABLE calendar_adjustments (
    id          INTEGER PRIMARY KEY DEFAULT nextval('seq_calendar'),
    day         DATE NOT NULL,
    kind        VARCHAR NOT NULL CHECK (kind IN ('closed', 'open', 'half_day')),
    start_time  TIME,
    end_time    TIME,
    name        VARCHAR NOT NULL DEFAULT '',
    created_by  VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL
);

-- Requirements gathered in the requirements survey (stage 4); prototype reviews (stages 7 and 9)
-- may use them as a checklist.
CREATE SEQUENCE seq_requirements START 1;
CREATE TABLE project_requirements (
    id          INTEGER PRIMARY KEY DEFAULT nextval('seq_requirements'),
    project_id  INTEGER NOT NULL,
    code        VARCHAR NOT NULL,
    text        VARCHAR NOT NULL,
    created_by  VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL
);

CREATE TABLE gate_signoffs (
    project_id  INTEGER NOT NULL,
    stage_no    INTEGER NOT NULL CHECK (stage_no IN (7, 9)),
    round_id    INTEGER,
    passed_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (project_id, stage_no)
);
