-- The payment step (issue 14): what the patron handed over and what staff gave back for cash, and the terminal's
-- approval or reference code for a card or gift card (a processor token, never a card number) or a check's number.
-- amount_minor stays what the venue kept (tendered minus change); rows from before the step have these columns NULL.
ALTER TABLE payment ADD COLUMN tendered_minor INTEGER CHECK (tendered_minor IS NULL OR tendered_minor >= 0);
ALTER TABLE payment ADD COLUMN change_minor INTEGER CHECK (change_minor IS NULL OR change_minor >= 0);
ALTER TABLE payment ADD COLUMN reference TEXT;
