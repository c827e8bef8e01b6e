-- one reminder round at a time (the scheduled job and an admin's run, on any instance)
INSERT INTO app_lock (name) VALUES ('reminders');
