-- The local development plan (แผนพัฒนาท้องถิ่น) and the evidence shown to outside assessors
-- (ITA open data, LPA citizen feedback). No FOREIGN KEY constraints (see 001): services check.

-- A 5-year plan (kind 'base', years in B.E.) or one of its numbered additions / changes
-- (เพิ่มเติม / เปลี่ยนแปลง ฉบับที่ N, base_id = the 5-year plan, number counted per kind).
CREATE SEQUENCE seq_plan_editions START 1;
CREATE TABLE plan_editions (
    id          INTEGER PRIMARY KEY DEFAULT nextval('seq_plan_editions'),
    kind        VARCHAR NOT NULL CHECK (kind IN ('base', 'addition', 'change')),
    base_id     INTEGER,
    number      INTEGER NOT NULL DEFAULT 0,
    first_year  INTEGER NOT NULL,
    last_year   INTEGER NOT NULL,
    approved_on DATE,
    created_by  VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL
);

-- A project line of an edition: strategy -> programme (แผนงาน) -> project, with its number.
CREATE SEQUENCE seq_plan_lines START 1;
CREATE TABLE plan_lines (
    id          INTEGER PRIMARY KEY DEFAULT nextval('seq_plan_lines'),
    edition_id  INTEGER NOT NULL,
    strategy    VARCHAR NOT NULL,
    programme   VARCHAR NOT NULL,
    line_no     VARCHAR NOT NULL,
    title       VARCHAR NOT NULL,
    unit_code   VARCHAR,
    created_by  VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    UNIQUE (edition_id, line_no)
);
CREATE TABLE plan_line_budgets (
    line_id INTEGER NOT NULL,
    year    INTEGER NOT NULL,        -- B.E. fiscal year
    amount  DECIMAL(14, 2) NOT NULL,
    PRIMARY KEY (line_id, year)
);

-- What a proposal says about the plan: it cites a line, or it is not in the plan and needs an
-- addition / change. One row per proposal (replaced when changed; the audit log keeps history).
CREATE TABLE plan_citations (
    proposal_id INTEGER PRIMARY KEY,
    status      VARCHAR NOT NULL CHECK (status IN ('cited', 'not_in_plan')),
    line_id     INTEGER,
    note        VARCHAR NOT NULL DEFAULT '',
    recorded_by VARCHAR NOT NULL,
    recorded_at TIMESTAMP NOT NULL
);

-- Item numbers of an assessment year (O11, O16, ...) and the document each needs; editable
-- because the numbering changes from year to year.
CREATE TABLE assessment_items (
    year        INTEGER NOT NULL,
    item_code   VARCHAR NOT NULL,
    doc_kind    VARCHAR NOT NULL,
    title       VARCHAR NOT NULL,
    updated_by  VARCHAR NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (year, item_code)
);

-- Links of the e-services (for the list of e-services with QR codes).
CREATE TABLE eservice_links (
    system_id   INTEGER PRIMARY KEY,
    url         VARCHAR NOT NULL,
    updated_by  VARCHAR NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);

-- What the town published on its public page. A published file is never changed: a new
-- version is a new row and the old one is marked 'replaced' (replaced_by = the new row).
CREATE SEQUENCE seq_publications START 1;
CREATE TABLE publications (
    id              INTEGER PRIMARY KEY DEFAULT nextval('seq_publications'),
    fiscal_year     INTEGER NOT NULL,
    round           VARCHAR NOT NULL CHECK (round IN ('6m', '12m')),
    item_code       VARCHAR NOT NULL,
    doc_kind        VARCHAR NOT NULL,
    title           VARCHAR NOT NULL,
    version         INTEGER NOT NULL,
    filename        VARCHAR NOT NULL,
    content         BLOB NOT NULL,
    sha256          VARCHAR NOT NULL,
    status          VARCHAR NOT NULL CHECK (status IN ('published', 'replaced', 'withdrawn')),
    published_by    VARCHAR NOT NULL,
    published_at    TIMESTAMP NOT NULL,
    replaced_by     INTEGER,
    withdrawn_by    VARCHAR,
    withdrawn_at    TIMESTAMP,
    withdraw_reason VARCHAR NOT NULL DEFAULT ''
);
CREATE INDEX publications_fy ON publications (fiscal_year);

-- LPA citizen feedback: the dates results were presented to the executive, improvements made
-- from citizens' comments, and the processes with a smart-card reader (append-only).
CREATE SEQUENCE seq_lpa_records START 1;
CREATE TABLE lpa_records (
    id          INTEGER PRIMARY KEY DEFAULT nextval('seq_lpa_records'),
    fiscal_year INTEGER NOT NULL,
    kind        VARCHAR NOT NULL CHECK (kind IN ('presented', 'improvement', 'smart_card')),
    on_date     DATE NOT NULL,
    text        VARCHAR NOT NULL,
    detail      VARCHAR NOT NULL DEFAULT '',
    recorded_by VARCHAR NOT NULL,
    recorded_at TIMESTAMP NOT NULL
);
