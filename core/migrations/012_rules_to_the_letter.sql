-- Minimums in the manual's own terms (issue 15): "at least 1 month" is a calendar month (the same
-- day next month), no longer 22 working days. A stage row keeps the unit of its standard.
-- Rows planned with the old stand-in (a minimum of 22 working days) become 1 month, and their
-- "rushed" flag is judged again: rushed when the day after the end is before the same day one
-- month after the start (DuckDB, like dateutil, takes 31 Jan + 1 month as 28 Feb).
ALTER TABLE project_stages ADD COLUMN std_unit VARCHAR DEFAULT 'days';
UPDATE project_stages SET std_unit = 'days' WHERE std_unit IS NULL;
UPDATE project_stages SET std_unit = 'months', std_days = 1
 WHERE std_kind = 'minimum' AND std_days = 22;
UPDATE project_stages
   SET rushed = (actual_end + INTERVAL 1 DAY) < (actual_start + to_months(std_days))
 WHERE std_unit = 'months' AND actual_start IS NOT NULL AND actual_end IS NOT NULL;

-- Proposal time standards (steps 1-3) judged by one rule, rules.standard_met: done by 16:30 of
-- the N-th working day. The service records the verdict; rows measured before keep the old day
-- count as their verdict.
ALTER TABLE drivers ADD COLUMN consider_met BOOLEAN;
ALTER TABLE proposals ADD COLUMN draft_met BOOLEAN;
ALTER TABLE proposals ADD COLUMN propose_met BOOLEAN;
UPDATE drivers SET consider_met = consider_days <= 1 WHERE consider_days IS NOT NULL;
UPDATE proposals SET draft_met = draft_days <= 15 WHERE draft_days IS NOT NULL;
UPDATE proposals SET propose_met = propose_days <= 1 WHERE propose_days IS NOT NULL;

-- Imports of survey answers: one row per imported file, its content hash unique per survey, so
-- the same file is refused a second time (naming the earlier import).
CREATE SEQUENCE seq_survey_imports START 1;
CREATE TABLE survey_imports (
    id            INTEGER PRIMARY KEY DEFAULT nextval('seq_survey_imports'),
    survey_id     INTEGER NOT NULL,
    content_sha256 VARCHAR NOT NULL,
    filename      VARCHAR NOT NULL,
    rows          INTEGER NOT NULL,
    imported_by   VARCHAR NOT NULL,
    imported_at   TIMESTAMP NOT NULL,
    UNIQUE (survey_id, content_sha256)
);

-- Running numbers of drivers (DR2570-001) and proposals (PR2570-001): one counter per kind and
-- fiscal year, taken with UPDATE ... RETURNING (two writers conflict and one retries), and the
-- codes unique.
CREATE TABLE running_numbers (
    name        VARCHAR NOT NULL,
    fiscal_year INTEGER NOT NULL,
    last_no     INTEGER NOT NULL,
    PRIMARY KEY (name, fiscal_year)
);
INSERT INTO running_numbers
SELECT 'driver', fiscal_year, max(coalesce(TRY_CAST(split_part(code, '-', 2) AS INTEGER), 0))
  FROM drivers GROUP BY fiscal_year;
INSERT INTO running_numbers
SELECT 'proposal', fiscal_year, max(coalesce(TRY_CAST(split_part(code, '-', 2) AS INTEGER), 0))
  FROM proposals GROUP BY fiscal_year;
CREATE UNIQUE INDEX drivers_code_unique ON drivers (code);
CREATE UNIQUE INDEX proposals_code_unique ON proposals (code);
