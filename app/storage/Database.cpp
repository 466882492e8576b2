#include "Database.h"

#include "DatabaseFile.h"
#include "Migrator.h"
#include "PatronRepository.h"
#include "SqlCipherDriver.h"

#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace foyer::storage {

Database::Database(QString path, QString connectionName)
    : m_path(std::move(path))
    , m_connectionName(std::move(connectionName))
{
}

Database::~Database()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    // m_key wipes itself (sodium_free) as the last member to go.
}

QSqlDatabase Database::openWorkerConnection(const QString& connectionName, DatabaseError* error,
                                            const QString& connectOptions) const
{
    auto* driver = new SqlCipherDriver();
    driver->setKey(m_key.view());
    QSqlDatabase db = QSqlDatabase::addDatabase(driver, connectionName);
    db.setDatabaseName(m_path);
    db.setConnectOptions(connectOptions);
    if (!db.open()) {
        *error = errorFromDriverFailure(int(driver->openFailure()), db.lastError().databaseText());
        return {};
    }
    return db;
}

void Database::closeWorkerConnection(const QString& connectionName)
{
    {
        QSqlDatabase db = QSqlDatabase::database(connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
}

DatabaseError Database::errorFromDriverFailure(int failure, const QString& detail)
{
    using Failure = SqlCipherDriver::OpenFailure;
    using Kind = DatabaseError::Kind;
    switch (Failure(failure)) {
    case Failure::FileNotFound:
        return DatabaseError::make(Kind::FileNotFound, tr("The database file does not exist."));
    case Failure::WrongKeyOrNotADatabase:
        return DatabaseError::make(Kind::WrongKeyOrNotADatabase,
                                   tr("Wrong key or not a Foyer database: the file cannot be decrypted with the key "
                                      "held for it."));
    case Failure::Corrupt:
        return DatabaseError::make(Kind::Corrupt, tr("The database file is damaged (%1).").arg(detail));
    case Failure::ReadOnly:
    case Failure::CannotCreate:
        return DatabaseError::make(
            Kind::ReadOnly, tr("The database cannot be written: check that its folder is writable (%1).").arg(detail));
    case Failure::DiskFull:
        return DatabaseError::make(Kind::DiskFull, tr("The disk is full: free some space and try again."));
    default:
        return DatabaseError::make(Kind::Other, tr("The database cannot be opened (%1).").arg(detail));
    }
}

std::unique_ptr<Database> Database::open(const QString& path, QByteArrayView key, Mode mode, DatabaseError* error,
                                         const QString& extraConnectOptions)
{
    using Kind = DatabaseError::Kind;
    const DatabaseFile::State state = DatabaseFile::inspect(path);
    if (mode == Mode::CreateNew && state != DatabaseFile::State::Missing) {
        *error = DatabaseError::make(Kind::AlreadyExists, tr("A file already exists at %1; Foyer will not overwrite "
                                                             "it.")
                                                              .arg(path));
        return nullptr;
    }
    if (mode == Mode::OpenExisting) {
        switch (state) {
        case DatabaseFile::State::Missing:
            *error = DatabaseError::make(Kind::FileNotFound, tr("The database file %1 does not exist.").arg(path));
            return nullptr;
        case DatabaseFile::State::Empty:
        case DatabaseFile::State::TooShort:
            *error = DatabaseError::make(Kind::NotAFoyerDatabase,
                                         tr("%1 is not a Foyer database (the file is empty or truncated).").arg(path));
            return nullptr;
        case DatabaseFile::State::PlainSqlite:
            *error =
                DatabaseError::make(Kind::NotAFoyerDatabase,
                                    tr("%1 is not a Foyer database (it is an unencrypted SQLite file).").arg(path));
            return nullptr;
        case DatabaseFile::State::Unreadable:
            *error = DatabaseError::make(Kind::ReadOnly, tr("%1 cannot be read: check its permissions.").arg(path));
            return nullptr;
        case DatabaseFile::State::Encrypted:
            break;
        }
    }

    SqlCipherDriver::registerDriver();
    const QString connectionName = QStringLiteral("foyer-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    auto* driver = new SqlCipherDriver();
    driver->setKey(key);
    std::unique_ptr<Database> database(new Database(QFileInfo(path).absoluteFilePath(), connectionName));
    database->m_key = core::SecureBuffer::copyOf(key);
    QSqlDatabase db = QSqlDatabase::addDatabase(driver, connectionName);
    db.setDatabaseName(database->m_path);
    QString options = extraConnectOptions;
    if (mode == Mode::CreateNew)
        options += QStringLiteral(";QSQLCIPHER_CREATE=1");
    db.setConnectOptions(options);
    if (!db.open()) {
        *error = errorFromDriverFailure(int(driver->openFailure()), db.lastError().databaseText());
        return nullptr;
    }

    Migrator migrator(db);
    // Migration 2 added the search keys; patrons from before it get theirs (derived data, computed in C++) inside
    // that migration's transaction, so a failed backfill leaves the file at version 1 and runs again on next open.
    const auto buildSearchKeys = [](QSqlDatabase migrating, QString* stepError) {
        QString rebuildError;
        if (PatronRepository(migrating).writeAllSearchKeys(&rebuildError))
            return true;
        *stepError = tr("Cannot build the patron search index: %1").arg(rebuildError);
        return false;
    };
    migrator.addStep(2, buildSearchKeys);
    // Migration 16 added keys (email tails, tags): every patron's keys are rebuilt, once. A database that runs
    // migration 2 in the same open builds them twice; only a version-1 file does, and it is small.
    migrator.addStep(16, buildSearchKeys);
    if (!migrator.migrate(error)) {
        // A freshly made file that could not even get its schema holds nothing: do not leave it behind.
        if (mode == Mode::CreateNew) {
            db.close();
            QFile::remove(database->m_path);
            QFile::remove(database->m_path + QStringLiteral("-wal"));
            QFile::remove(database->m_path + QStringLiteral("-shm"));
        }
        return nullptr;
    }
    if (mode == Mode::CreateNew && !database->checkpoint()) {
        *error = DatabaseError::make(Kind::Other, tr("Cannot write the new database: %1").arg(db.lastError().text()));
        return nullptr;
    }
    *error = DatabaseError{};
    return database;
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

int Database::schemaVersion() const
{
    return Migrator(connection()).currentVersion();
}

bool Database::checkpoint()
{
    QSqlQuery query(connection());
    return query.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
}

QString Database::integrityCheck() const
{
    QSqlQuery query(connection());
    if (!query.exec(QStringLiteral("PRAGMA integrity_check")))
        return query.lastError().text();
    QStringList lines;
    while (query.next())
        lines.append(query.value(0).toString());
    return lines.join(u'\n');
}

DatabaseError Database::verifyPages() const
{
    QSqlQuery query(connection());
    query.setForwardOnly(true);
    QStringList problems;
    if (!query.exec(QStringLiteral("PRAGMA quick_check"))) {
        problems.append(query.lastError().databaseText());
    } else {
        while (query.next())
            problems.append(query.value(0).toString());
        if (query.lastError().isValid())
            problems.append(query.lastError().databaseText());
    }
    if (problems == QStringList{QStringLiteral("ok")})
        return DatabaseError{};
    // SQLite reports one line per damaged page (sometimes joined in one row); name the first and count the rest.
    QStringList lines = problems.join(u'\n').split(u'\n', Qt::SkipEmptyParts);
    lines.removeIf([](const QString& line) { return line.startsWith(QLatin1String("***")); });
    return DatabaseError::make(
        DatabaseError::Kind::Corrupt,
        tr("The database file is damaged (%n problem(s) found; first: %1).", nullptr, int(lines.size()))
            .arg(lines.value(0)));
}

bool Database::rekey(QByteArrayView newKey, DatabaseError* error)
{
    auto* driver = qobject_cast<SqlCipherDriver*>(connection().driver());
    // fromRawData: the driver reads the caller's bytes in place, no ordinary heap copy of the new key is made.
    if (!driver || !driver->rekey(QByteArray::fromRawData(newKey.data(), newKey.size()))) {
        *error = DatabaseError::make(
            DatabaseError::Kind::Other,
            tr("The key could not be changed: %1").arg(driver ? driver->lastError().text() : QString()));
        return false;
    }
    m_key = core::SecureBuffer::copyOf(newKey); // the old key is wiped as it is replaced
    return true;
}

} // namespace foyer::storage
