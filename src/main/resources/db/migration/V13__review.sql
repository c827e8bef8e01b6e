-- 审核: figures of a plan (or of one project) under review wait for the office's 通过 before
-- they count. plan.review is the plan's default, project.review overrides it (null: as the plan).
ALTER TABLE plan ADD COLUMN review BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE project ADD COLUMN review BOOLEAN;

-- A figure's review state: null when it was not under review (it counted at once), else PENDING,
-- APPROVED, RETURNED or SUPERSEDED; approval_id is its 审核 request.
ALTER TABLE report ADD COLUMN review VARCHAR(12);
ALTER TABLE report ADD COLUMN approval_id BIGINT;

-- The latest figure waiting for review after the counted one (null: none waits).
ALTER TABLE target_state ADD COLUMN pending_figure NUMERIC(24, 4);
ALTER TABLE target_state ADD COLUMN pending_report_id BIGINT;
ALTER TABLE target_state ADD COLUMN pending_recorded_at TIMESTAMP WITH TIME ZONE;
