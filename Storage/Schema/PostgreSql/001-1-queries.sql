-- Sessions: PostgreSQL schema version 1, part 1 of 4: what every Orleans ADO.NET provider needs.
-- Idempotent: re-running keeps the data and refreshes the queries and routines.
--
-- Orleans loads its query texts with the fixed, unquoted SQL "SELECT QueryKey, QueryText FROM OrleansQuery".
-- PostgreSQL folds unquoted names to lower case, so the table and its columns are created unquoted too
-- (they end up as orleansquery / querykey / querytext). Never quote them.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);

-- The next row version after v: v + 1, wrapping to 1 before the int range ends (Orleans parses versions as int).
-- Used by grain state and reminders. The result always differs from v, which is what the providers check.
CREATE OR REPLACE FUNCTION sessions_next_version(v integer)
    RETURNS integer
    LANGUAGE sql
    IMMUTABLE
AS $fn$
    SELECT CASE WHEN v IS NULL OR v >= 2147483647 THEN 1 ELSE v + 1 END;
$fn$;
