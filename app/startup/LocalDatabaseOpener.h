#pragma once

#include "Database.h"
#include "KeyStore.h"
#include "StartupError.h"

#include <memory>

namespace foyer::startup {

// Joins the keychain and the encrypted database: first run creates the database and stores a new random key under
// the database's id; later runs read that key back. Never falls back to plaintext, never re-creates a file that
// exists.
class LocalDatabaseOpener
{
    Q_DECLARE_TR_FUNCTIONS(foyer::startup::LocalDatabaseOpener)
public:
    explicit LocalDatabaseOpener(security::KeyStore keyStore = security::KeyStore());

    // createIfMissing: the first run of a workstation. Otherwise a missing file is an error.
    std::unique_ptr<storage::Database> open(const QString& path, bool createIfMissing, StartupError* error,
                                            const QString& connectOptions = QString());
    // Rotates the key: new random key, PRAGMA rekey, and only once that committed, the keychain entry.
    bool rekey(storage::Database& database, StartupError* error);

private:
    std::unique_ptr<storage::Database> create(const QString& path, StartupError* error, const QString& options);

    security::KeyStore m_keyStore;
};

} // namespace foyer::startup
