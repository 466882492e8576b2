-- Patron search gained keys: an email from each later piece of its local part ("darrow2500@example.org" finds
-- "yara.darrow2500@example.org") and the patron's tags (core::SearchText::KeyKind::Tag). The keys are derived data,
-- computed in C++: Database registers a step for this version that rebuilds every patron's keys
-- (PatronRepository::writeAllSearchKeys) inside this migration's transaction. No schema change.
SELECT 1;
