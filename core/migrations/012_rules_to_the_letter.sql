-- Minimums in the manual's own terms (issue 15): "at least 1 month" is a calendar month (the same
-- day next month), no longer 22 working days. A stage row keeps the unit of its standard.
-- Rows planned with the old stand-in (a minimum of 22 working days) become 1 month, and their
-- "rushed" flag is judged again: rushed when the day after the end is before the same day one
-- month after the start (DuckDB, like dateutil, takes 31 Jan + 1 month as 28 Feb).
ALTER TABLE project_stages ADD COLUMN std_unit VARCHAR DEFAULT 'days';
UPDATE project_stages SET std_unit = 'days' WHERE std_unit IS NULL;
UPDATE project_stages SET std_unit = 'months', std_days = 1
 WHERE std_kind = 'minimum' AND std_days = 22;
UPDATE project_stages
   SET rushed = (actual_end + INTERVAL 1 DAY) < (actual_start + to_months(std_days))
 WHERE std_unit = 'months' AND actual_start IS NOT NULL AND actual_end IS NOT NULL;
