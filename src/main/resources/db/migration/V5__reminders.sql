-- Reminders paused by an admin: one row per unit name, or '*' for all units.
CREATE TABLE reminder_pause (
    scope       VARCHAR(100) NOT NULL PRIMARY KEY,
    paused_by   VARCHAR(100) NOT NULL,
    paused_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- When a reminder is to be sent: the outbox holds it until then.
ALTER TABLE outbox_message ADD COLUMN rule_id VARCHAR(40);
