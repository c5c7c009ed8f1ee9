-- Security: sign-in throttles (growing delays instead of account lockout) and server-side
-- sessions (a random session id in the cookie; the server records when a session was issued
-- and ends it on a password change, reset, role change, disabling or logout-everywhere).

CREATE TABLE login_throttles (
    scope            VARCHAR NOT NULL CHECK (scope IN ('pair', 'client', 'user')),
    key              VARCHAR NOT NULL,
    failures         INTEGER NOT NULL,
    first_failure_at TIMESTAMP NOT NULL,
    last_failure_at  TIMESTAMP NOT NULL,
    blocked_until    TIMESTAMP,
    PRIMARY KEY (scope, key)
);

CREATE TABLE user_sessions (
    sid_hash      VARCHAR PRIMARY KEY,
    user_id       INTEGER NOT NULL,
    username      VARCHAR NOT NULL,
    issued_at     TIMESTAMP NOT NULL,
    expires_at    TIMESTAMP NOT NULL,
    client        VARCHAR,
    ended_at      TIMESTAMP,
    ended_reason  VARCHAR
);
