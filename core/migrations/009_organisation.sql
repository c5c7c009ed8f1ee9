-- Go-live: the organisation's profile (names, memo numbering, addressees, signatories, emblem,
-- public address), sections beside divisions and affiliated units, and what the systems
-- register needs for systems already in service (URL, retirement).

CREATE TABLE org_profile (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    name_th           VARCHAR NOT NULL DEFAULT '',
    name_en           VARCHAR NOT NULL DEFAULT '',
    kind              VARCHAR NOT NULL DEFAULT '',
    province          VARCHAR NOT NULL DEFAULT '',
    issuing_unit      VARCHAR NOT NULL DEFAULT '',
    it_unit           VARCHAR NOT NULL DEFAULT '',
    memo_prefix       VARCHAR NOT NULL DEFAULT '',
    phone             VARCHAR NOT NULL DEFAULT '',
    addressee         VARCHAR NOT NULL DEFAULT '',
    addressee_via     VARCHAR NOT NULL DEFAULT '',
    signatories_json  VARCHAR NOT NULL DEFAULT '{}',
    public_base_url   VARCHAR NOT NULL DEFAULT '',
    emblem            BLOB,
    emblem_media_type VARCHAR,
    updated_at        TIMESTAMP,
    updated_by        VARCHAR
);

-- The memo book: the next running number of each fiscal year, and the numbers issued.
CREATE TABLE memo_counters (
    fiscal_year INTEGER PRIMARY KEY,
    next_no     INTEGER NOT NULL CHECK (next_no >= 1)
);

CREATE TABLE memo_numbers (
    fiscal_year INTEGER NOT NULL,
    number      INTEGER NOT NULL,
    doc_kind    VARCHAR NOT NULL,
    doc_ref     VARCHAR NOT NULL,
    issued_at   TIMESTAMP NOT NULL,
    issued_by   VARCHAR NOT NULL,
    PRIMARY KEY (fiscal_year, number),
    UNIQUE (doc_kind, doc_ref)
);

-- Units: sections (ฝ่าย/งาน) join divisions and affiliated units; a unit may sit under another.
CREATE TABLE org_units_009 (
    code        VARCHAR PRIMARY KEY,
    name_th     VARCHAR NOT NULL,
    name_en     VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL CHECK (kind IN ('division', 'section', 'school')),
    parent_code VARCHAR,
    phone       VARCHAR,
    sort_order  INTEGER NOT NULL DEFAULT 0,
    active      BOOLEAN NOT NULL DEFAULT TRUE
);
INSERT INTO org_units_009 (code, name_th, name_en, kind, parent_code, phone, sort_order, active)
    SELECT code, name_th, name_en, kind, NULL, phone, sort_order, active FROM org_units;
DROP TABLE org_units;
ALTER TABLE org_units_009 RENAME TO org_units;

ALTER TABLE systems ADD COLUMN url VARCHAR NOT NULL DEFAULT '';
ALTER TABLE systems ADD COLUMN retired_on DATE;
