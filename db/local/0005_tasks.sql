-- Tasks (the activity table) are marked done with an outcome and remember who created them, and "My tasks" lists a
-- staff member's open tasks by due date.
ALTER TABLE activity ADD COLUMN outcome TEXT;
ALTER TABLE activity ADD COLUMN created_by_id TEXT REFERENCES staff_user(id);
CREATE INDEX activity_assignee ON activity(assigned_to_id, done_at, due_at);
CREATE INDEX mailing_list_subscription_patron ON mailing_list_subscription(patron_id);
