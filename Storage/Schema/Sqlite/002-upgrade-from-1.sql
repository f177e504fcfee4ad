-- Sessions: SQLite upgrade from schema version 1 (run once, only on a version-1 file).
-- Version 1 keyed session rows by the session id itself, a bearer credential at rest; from version 2 on grains and
-- rows are keyed by a keyed hash of it, so those rows can never be found again. Delete them: sessions of version 1
-- end on upgrade (README says so).

DELETE FROM SessionsGrainState WHERE StateName = 'session';
