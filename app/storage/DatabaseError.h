#pragma once

#include <QCoreApplication>
#include <QString>

namespace foyer::storage {

// Why the database could not be opened or changed, with a message for the person at the screen.
struct DatabaseError
{
    enum class Kind
    {
        None,
        FileNotFound,
        AlreadyExists,
        NotAFoyerDatabase,
        WrongKeyOrNotADatabase,
        Corrupt,
        ReadOnly,
        DiskFull,
        NewerSchema,
        MigrationFailed,
        Other
    };

    Kind kind = Kind::None;
    QString message;

    bool isError() const { return kind != Kind::None; }
    static DatabaseError make(Kind kind, const QString& message) { return DatabaseError{kind, message}; }
};

} // namespace foyer::storage
