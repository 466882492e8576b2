#pragma once

#include <QByteArray>
#include <QString>

namespace foyer::storage {

// What can be told about a database file without its key.
// A Foyer database starts with SQLCipher's 16-byte random salt, which is in plain text and never changes: its hex
// form is the database's own id, under which the key is kept in the keychain.
class DatabaseFile
{
public:
    enum class State
    {
        Missing,
        Empty,
        TooShort,
        PlainSqlite, // an unencrypted SQLite database: not a Foyer database
        Unreadable,
        Encrypted // looks like an encrypted database (random bytes from the first one)
    };

    static State inspect(const QString& path, QString* databaseId = nullptr);
};

} // namespace foyer::storage
