-- Sessions: the frontends' shared cookie-protection key ring (ASP.NET Core Data Protection XML elements).
-- Every frontend reads the same keys, so a cookie issued by one is accepted by all, across restarts.
-- Rows are only ever added; Data Protection keeps expired keys to read old cookies until they are revoked.
CREATE TABLE IF NOT EXISTS sessions_cookie_keys
(
    friendly_name text        NOT NULL PRIMARY KEY,
    xml           text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
