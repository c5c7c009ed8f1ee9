-- Tickets (manual steps 13-16): problems and new requirements reported on systems in service.
--
-- tickets        the intake, written once and never updated.
-- ticket_events  the append-only event log: every transition (reported, analysis done, waiting,
--                resolved, closed, reopened, assigned, merged) with its time and actor. It is the
--                source of truth for status, assignee and both SLA clocks.
-- ticket_sla     a materialised projection of the event log (status, assignee and the two
--                clocks' due time / state / elapsed working time), REBUILT from the events by
--                core.tickets.services (for one ticket on each event it gets, and for every
--                ticket when the calendar or the targets change). It holds nothing that cannot
--                be recomputed; it exists so the KPI dashboard aggregates 100,000 tickets in SQL.
-- ticket_ratings the reporter's rating of the fix after closure (1-5 and a comment).
-- No FOREIGN KEY constraints (see 001); services check references.

CREATE SEQUENCE seq_tickets START 1;
CREATE SEQUENCE seq_ticket_events START 1;
CREATE SEQUENCE seq_ticket_ratings START 1;

CREATE TABLE tickets (
    id                  INTEGER PRIMARY KEY DEFAULT nextval('seq_tickets'),
    code                VARCHAR NOT NULL UNIQUE,
    system_id           INTEGER NOT NULL,
    type                VARCHAR NOT NULL CHECK (type IN ('problem', 'requirement')),
    title               VARCHAR NOT NULL,
    description         VARCHAR NOT NULL,
    channel             VARCHAR NOT NULL CHECK (channel IN ('phone', 'walk_in', 'app', 'line', 'letter')),
    urgency             VARCHAR NOT NULL CHECK (urgency IN ('low', 'normal', 'high')),
    reporter_id         INTEGER NOT NULL,
    reporter_unit_code  VARCHAR,
    recorded_by_id      INTEGER NOT NULL,
    reported_at         TIMESTAMP NOT NULL,
    fiscal_year         INTEGER NOT NULL
);
CREATE INDEX tickets_reporter ON tickets (reporter_id);
CREATE INDEX tickets_system ON tickets (system_id);

CREATE TABLE ticket_events (
    id                  BIGINT PRIMARY KEY DEFAULT nextval('seq_ticket_events'),
    ticket_id           INTEGER NOT NULL,
    at_time             TIMESTAMP NOT NULL,
    kind                VARCHAR NOT NULL,
    actor               VARCHAR NOT NULL,
    status_after        VARCHAR NOT NULL,
    assignee_id         INTEGER,
    related_ticket_id   INTEGER,
    note                VARCHAR NOT NULL DEFAULT ''
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id);

-- One row per ticket (no key constraint: a rebuild deletes and re-inserts the row).
CREATE TABLE ticket_sla (
    ticket_id               INTEGER NOT NULL,
    type                    VARCHAR NOT NULL,
    system_id               INTEGER NOT NULL,
    reporter_id             INTEGER NOT NULL,
    reported_at             TIMESTAMP NOT NULL,
    fiscal_year             INTEGER NOT NULL,
    status                  VARCHAR NOT NULL,
    assignee_id             INTEGER,
    merged_into             INTEGER,
    last_event_at           TIMESTAMP NOT NULL,
    resolved_at             TIMESTAMP,
    closed_at               TIMESTAMP,
    analysis_state          VARCHAR NOT NULL,
    analysis_due            TIMESTAMP,
    analysis_stopped_at     TIMESTAMP,
    analysis_elapsed_s      DOUBLE NOT NULL,
    analysis_target_s       DOUBLE NOT NULL,
    resolution_state        VARCHAR NOT NULL,
    resolution_started_at   TIMESTAMP,
    resolution_due          TIMESTAMP,
    resolution_stopped_at   TIMESTAMP,
    resolution_elapsed_s    DOUBLE NOT NULL,
    resolution_target_s     DOUBLE NOT NULL,
    computed_at             TIMESTAMP NOT NULL
);
CREATE INDEX ticket_sla_ticket ON ticket_sla (ticket_id);

-- What the projection was built with (calendar adjustments and targets), to detect staleness.
CREATE TABLE ticket_sla_meta (
    name        VARCHAR PRIMARY KEY,
    fingerprint VARCHAR NOT NULL,
    rebuilt_at  TIMESTAMP NOT NULL
);

CREATE TABLE ticket_ratings (
    id          INTEGER PRIMARY KEY DEFAULT nextval('seq_ticket_ratings'),
    ticket_id   INTEGER NOT NULL UNIQUE,
    score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment     VARCHAR NOT NULL DEFAULT '',
    rated_by    VARCHAR NOT NULL,
    rated_at    TIMESTAMP NOT NULL,
    fiscal_year INTEGER NOT NULL
);
