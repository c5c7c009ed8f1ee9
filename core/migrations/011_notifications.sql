-- Notifications (issue 17): an outbox written in the same transaction as the change that
-- causes it, one row per recipient; one delivery row per outside channel (e-mail, LINE) with
-- an idempotency key, retried by the dispatcher on the scheduler; the user's channel choices
-- per kind of event; LINE links and their one-time codes.
CREATE SEQUENCE seq_notifications START 1;
CREATE TABLE notifications (
    id            BIGINT PRIMARY KEY DEFAULT nextval('seq_notifications'),
    created_at    TIMESTAMP NOT NULL,
    kind          VARCHAR NOT NULL,
    recipient_id  INTEGER NOT NULL,
    urgent        BOOLEAN NOT NULL DEFAULT FALSE,
    subject_th    VARCHAR NOT NULL,
    subject_en    VARCHAR NOT NULL,
    body_th       VARCHAR NOT NULL,
    body_en       VARCHAR NOT NULL,
    page          VARCHAR NOT NULL,
    query_json    VARCHAR NOT NULL DEFAULT '{}',
    event_key     VARCHAR,               -- the event it reports (one notification per recipient and event)
    read_at       TIMESTAMP
);
CREATE INDEX idx_notifications_recipient ON notifications (recipient_id);

CREATE SEQUENCE seq_notification_deliveries START 1;
CREATE TABLE notification_deliveries (
    id               BIGINT PRIMARY KEY DEFAULT nextval('seq_notification_deliveries'),
    notification_id  BIGINT NOT NULL,
    channel          VARCHAR NOT NULL,      -- email | line
    idem_key         VARCHAR NOT NULL,      -- n<notification id>-<channel>, sent with the message
    status           VARCHAR NOT NULL,      -- pending | sending | sent | dead
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMP NOT NULL,
    claimed_at       TIMESTAMP,
    sent_at          TIMESTAMP,
    address          VARCHAR,               -- where it went (e-mail address or LINE user id)
    last_error       VARCHAR
);
CREATE INDEX idx_notification_deliveries_status ON notification_deliveries (status);

CREATE TABLE notification_prefs (
    user_id  INTEGER NOT NULL,
    kind     VARCHAR NOT NULL,
    channel  VARCHAR NOT NULL,
    enabled  BOOLEAN NOT NULL,
    PRIMARY KEY (user_id, kind, channel)
);

CREATE TABLE line_links (
    user_id       INTEGER PRIMARY KEY,
    line_user_id  VARCHAR NOT NULL,
    linked_at     TIMESTAMP NOT NULL
);

CREATE TABLE line_link_codes (
    code        VARCHAR PRIMARY KEY,
    user_id     INTEGER NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL,
    used_at     TIMESTAMP
);
