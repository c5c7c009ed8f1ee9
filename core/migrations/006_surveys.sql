-- Satisfaction surveys (manual steps 17-18): questionnaires per system / service counter and
-- fiscal year, their sections and 5-level items, responses (public, internal, imported) with
-- their answers, one-time invitation tokens, and the aggregates kept after a PDPA purge.
-- Scores: 1..5 (มากที่สุด 5 ... น้อยที่สุด 1), 0 = no opinion (left out of the mean).

CREATE SEQUENCE seq_surveys START 1;
CREATE SEQUENCE seq_survey_sections START 1;
CREATE SEQUENCE seq_survey_items START 1;
CREATE SEQUENCE seq_survey_responses START 1;

CREATE TABLE surveys (
    id               INTEGER PRIMARY KEY DEFAULT nextval('seq_surveys'),
    code             VARCHAR NOT NULL UNIQUE,
    title            VARCHAR NOT NULL,
    system_id        INTEGER,
    counter_name     VARCHAR NOT NULL DEFAULT '',
    fiscal_year      INTEGER NOT NULL,
    audience         VARCHAR NOT NULL CHECK (audience IN ('citizens', 'staff', 'schools')),
    opens_on         DATE NOT NULL,
    closes_on        DATE NOT NULL,
    allow_no_opinion BOOLEAN NOT NULL DEFAULT TRUE,
    require_token    BOOLEAN NOT NULL DEFAULT FALSE,
    population       INTEGER,
    target_count     INTEGER,
    processed_at     TIMESTAMP,
    processed_by     VARCHAR,
    purged_at        TIMESTAMP,
    created_by       VARCHAR NOT NULL,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);

CREATE TABLE survey_sections (
    id         INTEGER PRIMARY KEY DEFAULT nextval('seq_survey_sections'),
    survey_id  INTEGER NOT NULL,
    position   INTEGER NOT NULL,
    title      VARCHAR NOT NULL
);

CREATE TABLE survey_items (
    id         INTEGER PRIMARY KEY DEFAULT nextval('seq_survey_items'),
    survey_id  INTEGER NOT NULL,
    section_id INTEGER NOT NULL,
    position   INTEGER NOT NULL,   -- 1-based over the whole questionnaire
    text       VARCHAR NOT NULL
);

-- One row per respondent. submission_id makes a submit idempotent (a double click stores one
-- response); (survey_id, user_id) allows one internal response per person (NULLs are distinct).
-- Contact details only when the person opted in to be contacted.
CREATE TABLE survey_responses (
    id              BIGINT PRIMARY KEY DEFAULT nextval('seq_survey_responses'),
    survey_id       INTEGER NOT NULL,
    submission_id   VARCHAR NOT NULL UNIQUE,
    channel         VARCHAR NOT NULL CHECK (channel IN ('public', 'internal', 'import')),
    user_id         INTEGER,
    respondent_type VARCHAR,
    sex             VARCHAR,
    age_band        VARCHAR,
    education       VARCHAR,
    occupation      VARCHAR,
    suggestion      VARCHAR NOT NULL DEFAULT '',
    contact_name    VARCHAR,
    contact_phone   VARCHAR,
    submitted_at    TIMESTAMP NOT NULL,
    UNIQUE (survey_id, user_id)
);

-- No index on purpose: bulk loads of a million answers stay fast; queries group by survey.
CREATE TABLE survey_answers (
    response_id BIGINT NOT NULL,
    survey_id   INTEGER NOT NULL,
    item_id     INTEGER NOT NULL,
    score       TINYINT NOT NULL CHECK (score BETWEEN 0 AND 5)
);

CREATE TABLE survey_tokens (
    token      VARCHAR PRIMARY KEY,
    survey_id  INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP
);

-- Kept when raw responses are purged (PDPA): answer counts per item and score, overall
-- (dimension 'all', grp '') and by demographic group; respondents per group; masked suggestions.
CREATE TABLE survey_agg_answers (
    survey_id INTEGER NOT NULL,
    dimension VARCHAR NOT NULL,
    grp       VARCHAR NOT NULL,
    item_id   INTEGER NOT NULL,
    score     TINYINT NOT NULL,
    n         BIGINT NOT NULL
);
CREATE TABLE survey_agg_respondents (
    survey_id   INTEGER NOT NULL,
    dimension   VARCHAR NOT NULL,
    grp         VARCHAR NOT NULL,
    respondents BIGINT NOT NULL
);
CREATE TABLE survey_kept_suggestions (
    survey_id INTEGER NOT NULL,
    position  INTEGER NOT NULL,
    text      VARCHAR NOT NULL
);

-- Answer counts per survey, item and score, from raw answers or, once purged, the aggregates.
CREATE VIEW survey_item_counts AS
    SELECT survey_id, item_id, score, count(*) AS n FROM survey_answers GROUP BY ALL
    UNION ALL
    SELECT survey_id, item_id, score, n FROM survey_agg_answers WHERE dimension = 'all';

CREATE VIEW survey_respondent_counts AS
    SELECT survey_id, count(*) AS respondents FROM survey_responses GROUP BY ALL
    UNION ALL
    SELECT survey_id, respondents FROM survey_agg_respondents WHERE dimension = 'all';
