#pragma once

struct sqlite3;

namespace foyer::storage {

// json_object(name, value, ...) for SQLite builds without JSON1 (SQLCipher 3.4.1's SQLite 3.15.2 has none): the
// capture triggers (SyncCapture) write each row as a JSON object with it. Same output as JSON1's for what the schema
// holds: NULL -> null, integers, reals (17 significant digits, so the value reads back exactly), text as a JSON
// string; a blob, an odd argument count or a non-text name is an error, as in JSON1.
class SqliteJsonObject
{
public:
    // Registers json_object on the connection unless it already has one (a SQLite with JSON1 keeps its own).
    static bool install(sqlite3* db);
};

} // namespace foyer::storage
