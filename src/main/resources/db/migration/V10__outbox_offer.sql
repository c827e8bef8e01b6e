-- What a message offers to tap instead of typing (buttons for numbered choices, 确认, 更多; the
-- targets of a report form): Offer.encode lines, null for nothing. Kept with the row, so a reply
-- sent after a restart keeps its buttons.
ALTER TABLE outbox_message ADD COLUMN offer VARCHAR(8000);
