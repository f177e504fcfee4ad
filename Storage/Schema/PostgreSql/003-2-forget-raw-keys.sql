-- Sessions: PostgreSQL schema version 3, part 2 of 2: up to version 2 session rows were keyed by the session id
-- itself, a bearer credential at rest; from version 3 on grains and rows are keyed by a keyed hash of it, so those
-- rows can never be found again. Delete them: sessions of version 2 end on upgrade (README says so).

DELETE FROM sessions_grain_state WHERE state_name = 'session';
