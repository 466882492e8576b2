#include "LocalDatabaseOpener.h"

#include "DatabaseFile.h"

#include <QFile>

namespace foyer::startup {

using security::KeyStore;
using storage::Database;
using storage::DatabaseError;
using storage::DatabaseFile;

LocalDatabaseOpener::LocalDatabaseOpener(KeyStore keyStore)
    : m_keyStore(std::move(keyStore))
{
}

std::unique_ptr<Database> LocalDatabaseOpener::create(const QString& path, StartupError* error, const QString& options)
{
    // Every key here lives in a core::SecureBuffer and is wiped as it goes out of scope, on every path.
    const core::SecureBuffer key = KeyStore::generateKey();
    DatabaseError dbError;
    std::unique_ptr<Database> database = Database::open(path, key.view(), Database::Mode::CreateNew, &dbError, options);
    if (!database) {
        *error = StartupError::fromDatabase(dbError);
        return nullptr;
    }
    QString databaseId;
    DatabaseFile::inspect(path, &databaseId);
    const KeyStore::Result stored = m_keyStore.writeKey(databaseId, key.view());
    if (!stored.ok()) {
        // Without its key the new, empty database could never be opened again: remove it rather than leave a
        // file that looks like data.
        database.reset();
        QFile::remove(path);
        QFile::remove(path + QStringLiteral("-wal"));
        QFile::remove(path + QStringLiteral("-shm"));
        *error = StartupError::fromKeyStore(stored);
        return nullptr;
    }
    *error = StartupError{};
    return database;
}

std::unique_ptr<Database> LocalDatabaseOpener::open(const QString& path, bool createIfMissing, StartupError* error,
                                                    const QString& options)
{
    QString databaseId;
    const DatabaseFile::State state = DatabaseFile::inspect(path, &databaseId);
    if (state == DatabaseFile::State::Missing && createIfMissing)
        return create(path, error, options);
    if (state != DatabaseFile::State::Encrypted) {
        // Let the database layer name the problem (missing, empty, plain SQLite, unreadable).
        DatabaseError dbError;
        Database::open(path, QByteArrayView(), Database::Mode::OpenExisting, &dbError, options);
        *error = StartupError::fromDatabase(dbError);
        return nullptr;
    }

    const KeyStore::Result keyResult = m_keyStore.readKey(databaseId);
    const KeyStore::Result pending = m_keyStore.readKey(KeyStore::pendingEntryName(databaseId));
    if (!keyResult.ok() && !pending.ok()) {
        *error = StartupError::fromKeyStore(keyResult);
        if (keyResult.status == KeyStore::Status::NotFound)
            error->message = tr("The keychain holds no key for the database %1 (id %2). Foyer will not open it "
                                "without its key.")
                                 .arg(path, databaseId);
        return nullptr;
    }

    DatabaseError dbError;
    std::unique_ptr<Database> database;
    if (keyResult.ok())
        database = Database::open(path, keyResult.key.view(), Database::Mode::OpenExisting, &dbError, options);
    if (!database && pending.ok() && (!keyResult.ok() || dbError.kind == DatabaseError::Kind::WrongKeyOrNotADatabase)) {
        // A key rotation was interrupted after the rekey committed: the pending key is the database's key now.
        database = Database::open(path, pending.key.view(), Database::Mode::OpenExisting, &dbError, options);
        if (database && m_keyStore.writeKey(databaseId, pending.key.view()).ok())
            m_keyStore.deleteKey(KeyStore::pendingEntryName(databaseId));
    } else if (database && pending.ok()) {
        // The rotation never reached the rekey: the pending key was never used.
        m_keyStore.deleteKey(KeyStore::pendingEntryName(databaseId));
    }
    if (!database) {
        *error = StartupError::fromDatabase(dbError);
        return nullptr;
    }
    *error = StartupError{};
    return database;
}

bool LocalDatabaseOpener::rekey(Database& database, StartupError* error)
{
    QString databaseId;
    if (DatabaseFile::inspect(database.path(), &databaseId) != DatabaseFile::State::Encrypted) {
        *error = {StartupError::OtherFailure, tr("The database file cannot be identified.")};
        return false;
    }
    const core::SecureBuffer newKey = KeyStore::generateKey();
    const QString pendingName = KeyStore::pendingEntryName(databaseId);
    const KeyStore::Result pendingStored = m_keyStore.writeKey(pendingName, newKey.view());
    if (!pendingStored.ok()) {
        *error = StartupError::fromKeyStore(pendingStored);
        return false;
    }
    DatabaseError dbError;
    if (!database.rekey(newKey.view(), &dbError)) {
        m_keyStore.deleteKey(pendingName);
        *error = StartupError::fromDatabase(dbError);
        return false;
    }
    // The rekey committed: only now does the new key replace the old one.
    const KeyStore::Result stored = m_keyStore.writeKey(databaseId, newKey.view());
    if (!stored.ok()) {
        *error = StartupError::fromKeyStore(stored);
        error->message = tr("The database now uses a new key, kept in the keychain's pending entry; it could not be "
                            "moved to the main entry: %1")
                             .arg(stored.message);
        return false;
    }
    m_keyStore.deleteKey(pendingName);
    *error = StartupError{};
    return true;
}

} // namespace foyer::startup
