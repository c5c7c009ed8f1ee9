-- KPI dashboard and executive report (manual step 19): the problems and obstacles the IT head
-- enters for a fiscal year (append-only: the newest entry of a year is the one in force), and
-- a record of each yearly report produced.
CREATE SEQUENCE seq_report_obstacles START 1;
CREATE TABLE report_obstacles (
    id          INTEGER PRIMARY KEY DEFAULT nextval('seq_report_obstacles'),
    fiscal_year INTEGER NOT NULL,
    text        VARCHAR NOT NULL,
    entered_by  VARCHAR NOT NULL,
    entered_at  TIMESTAMP NOT NULL
);
CREATE INDEX report_obstacles_fy ON report_obstacles (fiscal_year);

CREATE SEQUENCE seq_report_runs START 1;
CREATE TABLE report_runs (
    id             INTEGER PRIMARY KEY DEFAULT nextval('seq_report_runs'),
    fiscal_year    INTEGER NOT NULL,
    produced_by    VARCHAR NOT NULL,
    produced_at    TIMESTAMP NOT NULL,
    missing_areas  VARCHAR NOT NULL DEFAULT ''
);
CREATE INDEX report_runs_fy ON report_runs (fiscal_year);
