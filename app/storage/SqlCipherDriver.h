#pragma once

#include "SecureBuffer.h"

#include <QByteArray>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>

struct sqlite3;

namespace foyer::storage {

// A Qt Sql driver over the SQLCipher C API, compiled into the application (no plugin, no private Qt headers).
// Registered under the name "QSQLCIPHER" by SqlCipherDriver::registerDriver().
//
// The key is handed over as raw bytes with setKey() before open(); the driver keeps it in locked memory
// (core::SecureBuffer) until it is destroyed, so close() and open() again work. open() proves the key with a first
// read, because sqlite3_key() accepts any key.
//
// Connect options (semicolon separated, all optional):
//   QSQLCIPHER_CREATE=1          create the file (mode 0600) when it does not exist; default refuses
//   QSQLCIPHER_CACHE_SIZE=-N     page cache in KiB (negative) or pages (positive), see docs/storage.md
//   QSQLCIPHER_BUSY_TIMEOUT=ms   how long a writer waits for another connection's lock
//   QSQLCIPHER_SYNCHRONOUS=FULL  SQLite's synchronous setting
//   QSQLCIPHER_PAGE_SIZE=N       cipher page size, for benchmarks only (Foyer's files always use CipherPageSize)
class SqlCipherDriver : public QSqlDriver
{
    Q_OBJECT
public:
    static constexpr const char* DriverName = "QSQLCIPHER";
    // Every Foyer database uses this cipher page size; it must match at each open, so it is not an option.
    static constexpr int CipherPageSize = 4096;

    // Why open() failed, for messages and exit codes a user can act on.
    enum class OpenFailure
    {
        None,
        FileNotFound,
        CannotCreate,
        WrongKeyOrNotADatabase,
        Corrupt,
        ReadOnly,
        DiskFull,
        NoKey,
        Other
    };

    explicit SqlCipherDriver(QObject* parent = nullptr);
    ~SqlCipherDriver() override;

    // Makes QSqlDatabase::addDatabase("QSQLCIPHER") available in this process.
    static void registerDriver();
    // The SQLite library version compiled into SQLCipher (not the system libsqlite3).
    static QString sqliteVersion();

    void setKey(QByteArrayView rawKey);
    OpenFailure openFailure() const { return m_openFailure; }
    // Runs several statements separated by ';' (migrations).
    bool executeScript(const QString& sql);
    // Re-encrypts the whole database with newKey (PRAGMA rekey through sqlite3_rekey, raw bytes).
    // Later opens of this driver use newKey.
    bool rekey(QByteArrayView newKey);

    bool hasFeature(DriverFeature feature) const override;
    bool open(const QString& databaseName, const QString& user, const QString& password, const QString& host, int port,
              const QString& connectOptions) override;
    void close() override;
    QSqlResult* createResult() const override;
    bool beginTransaction() override;
    bool commitTransaction() override;
    bool rollbackTransaction() override;
    QStringList tables(QSql::TableType type) const override;
    QSqlRecord record(const QString& tableName) const override;
    QSqlIndex primaryIndex(const QString& tableName) const override;
    QString escapeIdentifier(const QString& identifier, IdentifierType type) const override;
    // A table's changes on this connection (sqlite3_update_hook) raise notification(table, UnknownSource, rowid),
    // queued to the driver's thread, as with QSQLITE. Subscriptions end with close().
    bool subscribeToNotification(const QString& name) override;
    bool unsubscribeFromNotification(const QString& name) override;
    QStringList subscribedToNotifications() const override;
    QVariant handle() const override;

    sqlite3* connection() const { return m_db; }

private:
    bool executeSimple(const char* sql, QSqlError::ErrorType errorType, const QString& context);
    bool failOpen(OpenFailure failure, const QString& message, int sqliteCode);
    static OpenFailure classify(int sqliteCode);
    QSqlQuery tableInfo(const QString& tableName) const;
    static QSqlField fieldFromTableInfo(const QSqlQuery& row, const QString& tableName);
    // One part of a possibly qualified name: as written, and the name it stands for.
    struct NamePart
    {
        QString written;
        QString raw;
        bool wasQuoted = false;
    };
    static QList<NamePart> parseName(const QString& name);
    static QString quoted(const QString& rawName);
    static void updateHook(void* driver, int operation, const char* database, const char* table, long long rowId);
    void wipeKey();

    sqlite3* m_db = nullptr;
    core::SecureBuffer m_key;
    OpenFailure m_openFailure = OpenFailure::None;
    QStringList m_subscriptions;
};

} // namespace foyer::storage
