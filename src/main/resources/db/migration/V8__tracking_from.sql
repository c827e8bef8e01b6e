-- tracking-from in the plan file: the first day of the first tracked reporting period's month.
-- NULL (every plan loaded before this column, or a file without the option): tracked from the
-- plan's first period. Periods that end before it are never owed.
ALTER TABLE plan ADD COLUMN tracking_from DATE;
