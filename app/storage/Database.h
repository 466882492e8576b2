#pragma once

#include "DatabaseError.h"
#include "SecureBuffer.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>
#include <memory>

namespace foyer::storage {

// The encrypted local database: opens it through QSQLCIPHER with a raw key, proves the key, migrates the schema.
// The rest of the app reaches data through repositories built on connection(); no widget runs SQL.
class Database
{
    Q_DECLARE_TR_FUNCTIONS(foyer::storage::Database)
public:
    enum class Mode
    {
        OpenExisting,
        CreateNew
    };

    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Never overwrites or re-creates an existing file: CreateNew refuses one that exists. The key is only read: the
    // database keeps its own copy in locked memory (core::SecureBuffer), so pass a view of the caller's secure buffer.
    static std::unique_ptr<Database> open(const QString& path, QByteArrayView key, Mode mode, DatabaseError* error,
                                          const QString& extraConnectOptions = QString());

    QSqlDatabase connection() const;
    QString path() const { return m_path; }
    int schemaVersion() const;
    // Re-encrypts the database with newKey; the old key stops working once this returns true.
    bool rekey(QByteArrayView newKey, DatabaseError* error);
    // Another connection to the same file, for a worker thread (a report reads while the window stays responsive).
    // Open, use and close it on that one thread; in WAL mode it reads committed data beside the main connection.
    // connectOptions are the driver's (SqlCipherDriver.h), e.g. a smaller page cache for the sync worker.
    QSqlDatabase openWorkerConnection(const QString& connectionName, DatabaseError* error,
                                      const QString& connectOptions = QString()) const;
    static void closeWorkerConnection(const QString& connectionName);
    // PRAGMA integrity_check; "ok" when sound.
    QString integrityCheck() const;
    // PRAGMA quick_check over every page: a damaged page fails its HMAC and is reported as Kind::Corrupt.
    DatabaseError verifyPages() const;
    // Copies the WAL into the main file, so that the file alone holds every committed change.
    bool checkpoint();

private:
    Database(QString path, QString connectionName);
    static DatabaseError errorFromDriverFailure(int failure, const QString& detail);

    QString m_path;
    QString m_connectionName;
    // Kept for worker connections only, in locked memory wiped when the database closes; never logged.
    core::SecureBuffer m_key;
};

} // namespace foyer::storage
