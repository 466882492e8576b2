#include "SqlCipherDriver.h"

#include "SqlCipherResult.h"
#include "SqliteError.h"
#include "SqliteJsonObject.h"

#include <QFileInfo>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QSqlRecord>
#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

namespace foyer::storage {

namespace {

struct ConnectOptions
{
    bool create = false;
    // KiB. A cap, not an allocation: SQLite grows the cache only as pages are read. 512 MiB holds a whole
    // 1,000,000-patron database (314 MiB) decrypted; with 64 MiB, lookups pay AES+HMAC on re-read pages
    // (docs/storage.md).
    int cacheSize = -524288;
    int busyTimeoutMs = 5000;
    QByteArray synchronous = "FULL";
    int cipherPageSize = SqlCipherDriver::CipherPageSize;
};

ConnectOptions parseOptions(const QString& text)
{
    ConnectOptions options;
    const QStringList parts = text.split(u';', Qt::SkipEmptyParts);
    for (const QString& part : parts) {
        const QString name = part.section(u'=', 0, 0).trimmed();
        const QString value = part.section(u'=', 1).trimmed();
        if (name == QLatin1String("QSQLCIPHER_CREATE"))
            options.create = value == QLatin1String("1");
        else if (name == QLatin1String("QSQLCIPHER_CACHE_SIZE"))
            options.cacheSize = value.toInt();
        else if (name == QLatin1String("QSQLCIPHER_PAGE_SIZE")) // benchmarks only: Foyer's files use the default
            options.cipherPageSize = value.toInt();
        else if (name == QLatin1String("QSQLCIPHER_BUSY_TIMEOUT"))
            options.busyTimeoutMs = value.toInt();
        else if (name == QLatin1String("QSQLCIPHER_SYNCHRONOUS") &&
                 (value == QLatin1String("OFF") || value == QLatin1String("NORMAL") || value == QLatin1String("FULL")))
            options.synchronous = value.toLatin1();
    }
    return options;
}

} // namespace

SqlCipherDriver::SqlCipherDriver(QObject* parent)
    : QSqlDriver(parent)
{
}

SqlCipherDriver::~SqlCipherDriver()
{
    close();
    wipeKey();
}

void SqlCipherDriver::registerDriver()
{
    if (!QSqlDatabase::isDriverAvailable(QLatin1String(DriverName)))
        QSqlDatabase::registerSqlDriver(QLatin1String(DriverName), new QSqlDriverCreator<SqlCipherDriver>());
}

QString SqlCipherDriver::sqliteVersion()
{
    return QString::fromLatin1(sqlite3_libversion());
}

void SqlCipherDriver::setKey(QByteArrayView rawKey)
{
    // Kept in locked memory for the driver's life, so the connection can be closed and opened again.
    m_key = core::SecureBuffer::copyOf(rawKey);
}

void SqlCipherDriver::wipeKey()
{
    m_key.clear();
}

bool SqlCipherDriver::hasFeature(DriverFeature feature) const
{
    switch (feature) {
    case Transactions:
    case BLOB:
    case Unicode:
    case PreparedQueries:
    case PositionalPlaceholders:
    case LastInsertId:
    case LowPrecisionNumbers:
    case FinishQuery:
    case SimpleLocking:
    case EventNotifications:
        return true;
    default:
        return false;
    }
}

SqlCipherDriver::OpenFailure SqlCipherDriver::classify(int sqliteCode)
{
    switch (sqliteCode & 0xff) {
    case SQLITE_NOTADB:
        return OpenFailure::WrongKeyOrNotADatabase;
    case SQLITE_CORRUPT:
        return OpenFailure::Corrupt;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
        return OpenFailure::ReadOnly;
    case SQLITE_FULL:
        return OpenFailure::DiskFull;
    default:
        return OpenFailure::Other;
    }
}

bool SqlCipherDriver::failOpen(OpenFailure failure, const QString& message, int sqliteCode)
{
    m_openFailure = failure;
    QSqlError error = m_db ? makeSqliteError(m_db, sqliteCode, message, QSqlError::ConnectionError)
                           : QSqlError(message, QString::fromUtf8(sqlite3_errstr(sqliteCode)),
                                       QSqlError::ConnectionError, QString::number(sqliteCode));
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
    setLastError(error);
    setOpenError(true);
    setOpen(false);
    return false;
}

bool SqlCipherDriver::open(const QString& databaseName, const QString& /*user*/, const QString& /*password*/,
                           const QString& /*host*/, int /*port*/, const QString& connectOptions)
{
    if (isOpen())
        close();
    m_openFailure = OpenFailure::None;
    const ConnectOptions options = parseOptions(connectOptions);
    if (m_key.isEmpty())
        return failOpen(OpenFailure::NoKey, tr("No encryption key was given"), SQLITE_MISUSE);

    const QByteArray path = QFile::encodeName(databaseName);
    if (!QFileInfo::exists(databaseName)) {
        if (!options.create)
            return failOpen(OpenFailure::FileNotFound, tr("The database file does not exist"), SQLITE_CANTOPEN);
        // Create the file ourselves so that it is private to this user from its first byte (SQLite gives its
        // -wal and -shm files the same mode).
        const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0) {
            const int savedErrno = errno;
            if (savedErrno == ENOSPC)
                return failOpen(OpenFailure::DiskFull, tr("The disk is full"), SQLITE_FULL);
            return failOpen(savedErrno == EACCES || savedErrno == EROFS || savedErrno == EPERM
                                ? OpenFailure::ReadOnly
                                : OpenFailure::CannotCreate,
                            tr("Cannot create the database file: %1").arg(QString::fromLocal8Bit(strerror(savedErrno))),
                            SQLITE_CANTOPEN);
        }
        ::close(fd);
    }

    int rc = sqlite3_open_v2(path.constData(), &m_db, SQLITE_OPEN_READWRITE, nullptr);
    if (rc != SQLITE_OK)
        return failOpen(classify(rc), tr("Cannot open the database file"), rc);
    sqlite3_extended_result_codes(m_db, 1);

    rc = sqlite3_key(m_db, m_key.constData(), int(m_key.size()));
    if (rc != SQLITE_OK)
        return failOpen(OpenFailure::Other, tr("Cannot set the encryption key"), rc);

    const QByteArray pageSize = "PRAGMA cipher_page_size = " + QByteArray::number(options.cipherPageSize);
    rc = sqlite3_exec(m_db, pageSize.constData(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK)
        return failOpen(classify(rc), tr("Cannot configure the cipher"), rc);

    // sqlite3_key() accepts any key; only the first read of the schema tells whether it was the right one.
    rc = sqlite3_exec(m_db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        const OpenFailure failure = classify(rc);
        return failOpen(failure,
                        failure == OpenFailure::WrongKeyOrNotADatabase ? tr("Wrong key or not a Foyer database")
                                                                       : tr("Cannot read the database"),
                        rc);
    }

    sqlite3_busy_timeout(m_db, options.busyTimeoutMs);
    // The sync capture triggers write rows as JSON; this SQLite has no JSON1.
    if (!SqliteJsonObject::install(m_db))
        return failOpen(OpenFailure::Other, tr("Cannot configure the database"), SQLITE_ERROR);
    const QByteArray setup =
        "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = " + options.synchronous +
        "; PRAGMA cache_size = " + QByteArray::number(options.cacheSize) + ";";
    rc = sqlite3_exec(m_db, setup.constData(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK)
        return failOpen(classify(rc), tr("Cannot configure the database"), rc);

    setOpen(true);
    setOpenError(false);
    return true;
}

void SqlCipherDriver::close()
{
    if (m_db && !m_subscriptions.isEmpty())
        sqlite3_update_hook(m_db, nullptr, nullptr);
    m_subscriptions.clear(); // as in QSQLITE: a reopened connection starts without subscriptions
    if (m_db) {
        // close_v2 waits for statements that queries still hold; they are finalized when those are destroyed.
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
    setOpen(false);
    setOpenError(false);
}

QSqlResult* SqlCipherDriver::createResult() const
{
    return new SqlCipherResult(this);
}

bool SqlCipherDriver::executeSimple(const char* sql, QSqlError::ErrorType errorType, const QString& context)
{
    if (!m_db)
        return false;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        setLastError(makeSqliteError(m_db, rc, context, errorType));
        return false;
    }
    return true;
}

bool SqlCipherDriver::executeScript(const QString& sql)
{
    const QByteArray utf8 = sql.toUtf8();
    return executeSimple(utf8.constData(), QSqlError::StatementError, tr("Unable to run script"));
}

bool SqlCipherDriver::beginTransaction()
{
    // IMMEDIATE takes the write lock up front, so two workstations' writers never deadlock half-way.
    return executeSimple("BEGIN IMMEDIATE", QSqlError::TransactionError, tr("Unable to begin transaction"));
}

bool SqlCipherDriver::commitTransaction()
{
    return executeSimple("COMMIT", QSqlError::TransactionError, tr("Unable to commit transaction"));
}

bool SqlCipherDriver::rollbackTransaction()
{
    return executeSimple("ROLLBACK", QSqlError::TransactionError, tr("Unable to roll back transaction"));
}

bool SqlCipherDriver::rekey(QByteArrayView newKey)
{
    if (!m_db || newKey.isEmpty())
        return false;
    // SQLCipher 3 rekeys through the rollback journal; leave WAL for the duration.
    if (!executeSimple("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE", QSqlError::StatementError,
                       tr("Unable to leave WAL mode")))
        return false;
    const int rc = sqlite3_rekey(m_db, newKey.constData(), int(newKey.size()));
    if (rc != SQLITE_OK) {
        setLastError(makeSqliteError(m_db, rc, tr("Unable to change the key"), QSqlError::StatementError));
        executeSimple("PRAGMA journal_mode = WAL", QSqlError::StatementError, QString());
        return false;
    }
    // The file now opens only with the new key: keep that one, so a close() and open() again still work.
    m_key = core::SecureBuffer::copyOf(newKey);
    return executeSimple("PRAGMA journal_mode = WAL", QSqlError::StatementError, tr("Unable to return to WAL mode"));
}

QStringList SqlCipherDriver::tables(QSql::TableType type) const
{
    QStringList names;
    if (!isOpen())
        return names;
    QString filter;
    if (type & QSql::Tables)
        filter = QStringLiteral("type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
    if (type & QSql::Views)
        filter += (filter.isEmpty() ? QString() : QStringLiteral(" OR ")) + QStringLiteral("type = 'view'");
    if (type & QSql::SystemTables)
        filter += (filter.isEmpty() ? QString() : QStringLiteral(" OR ")) +
                  QStringLiteral("(type = 'table' AND name LIKE 'sqlite\\_%' ESCAPE '\\')");
    if (filter.isEmpty())
        return names;
    QSqlQuery query(createResult());
    query.setForwardOnly(true);
    if (query.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE ") + filter + QStringLiteral(" ORDER BY name")))
        while (query.next())
            names.append(query.value(0).toString());
    return names;
}

QSqlQuery SqlCipherDriver::tableInfo(const QString& tableName) const
{
    QSqlQuery query(createResult());
    query.setForwardOnly(true);
    if (!isOpen())
        return query;
    // "schema.table", "\"schema\".\"table\"", "[table]" or a plain name; SQLite folds the case of each part. A name
    // that does not parse is taken whole, as the name of a table.
    const QList<NamePart> parts = parseName(tableName);
    const QString table = quoted(parts.size() == 1 || parts.size() == 2 ? parts.constLast().raw : tableName);
    const QString schema = parts.size() == 2 ? quoted(parts.constFirst().raw) + u'.' : QString();
    // rows: cid, name, type, notnull, dflt_value, pk
    query.exec(QStringLiteral("PRAGMA ") + schema + QStringLiteral("table_info(") + table + u')');
    return query;
}

QSqlField SqlCipherDriver::fieldFromTableInfo(const QSqlQuery& row, const QString& tableName)
{
    const QString declared = row.value(2).toString();
    QSqlField field(row.value(1).toString(), SqlCipherResult::metaTypeForDeclaredType(declared), tableName);
    // Only INTEGER PRIMARY KEY aliases the rowid, so only it is filled in by SQLite (INT PRIMARY KEY is not).
    field.setAutoValue(row.value(5).toInt() > 0 &&
                       declared.compare(QLatin1String("integer"), Qt::CaseInsensitive) == 0);
    field.setRequired(row.value(3).toInt() != 0);
    // The default as text, a quoted literal without its outer quotes, as QSQLITE gives it.
    QString defaultValue = row.value(4).toString();
    if (defaultValue.startsWith(u'\'')) {
        const qsizetype end = defaultValue.lastIndexOf(u'\'');
        if (end > 0)
            defaultValue = defaultValue.mid(1, end - 1);
    }
    field.setDefaultValue(defaultValue);
    return field;
}

QSqlRecord SqlCipherDriver::record(const QString& tableName) const
{
    QSqlRecord result;
    const QString name = stripDelimiters(tableName, TableName);
    QSqlQuery query = tableInfo(tableName);
    while (query.next())
        result.append(fieldFromTableInfo(query, name));
    return result;
}

QSqlIndex SqlCipherDriver::primaryIndex(const QString& tableName) const
{
    const QString name = stripDelimiters(tableName, TableName);
    QList<std::pair<int, QSqlField>> keyFields;
    QSqlQuery query = tableInfo(tableName);
    while (query.next())
        if (const int position = query.value(5).toInt(); position > 0)
            keyFields.append({position, fieldFromTableInfo(query, name)});
    // In the order of the key (PRIMARY KEY (b, a) gives b, a), not the order of the columns.
    std::sort(keyFields.begin(), keyFields.end(),
              [](const auto& left, const auto& right) { return left.first < right.first; });
    QSqlIndex index;
    for (const auto& keyField : std::as_const(keyFields))
        index.append(keyField.second);
    return index;
}

QList<SqlCipherDriver::NamePart> SqlCipherDriver::parseName(const QString& name)
{
    // Splits at each '.' outside "..." (with "" for a quote) and [...]; empty when the quoting is unbalanced.
    QList<NamePart> parts;
    const qsizetype length = name.size();
    qsizetype i = 0;
    while (true) {
        NamePart part;
        const qsizetype start = i;
        if (i < length && name.at(i) == u'"') {
            part.wasQuoted = true;
            for (++i;; ++i) {
                if (i >= length)
                    return {};
                if (name.at(i) == u'"') {
                    if (i + 1 < length && name.at(i + 1) == u'"') {
                        part.raw += u'"';
                        ++i;
                        continue;
                    }
                    ++i;
                    break;
                }
                part.raw += name.at(i);
            }
        } else if (i < length && name.at(i) == u'[') {
            const qsizetype close = name.indexOf(u']', i + 1);
            if (close < 0)
                return {};
            part.wasQuoted = true;
            part.raw = name.mid(i + 1, close - i - 1);
            i = close + 1;
        } else {
            const qsizetype dot = name.indexOf(u'.', i);
            i = dot < 0 ? length : dot;
            part.raw = name.mid(start, i - start);
        }
        part.written = name.mid(start, i - start);
        parts.append(part);
        if (i == length)
            return parts;
        if (name.at(i) != u'.') // text straight after a closing quote
            return {};
        ++i;
    }
}

QString SqlCipherDriver::quoted(const QString& rawName)
{
    QString escaped = rawName;
    escaped.replace(u'"', QStringLiteral("\"\""));
    return u'"' + escaped + u'"';
}

QString SqlCipherDriver::escapeIdentifier(const QString& identifier, IdentifierType type) const
{
    // As QSQLITE: empty and already quoted names are kept, white space is part of the name, and a table name may be
    // "schema.table" (each part quoted on its own). Unlike it, a stray quote is doubled, never passed through.
    if (identifier.isEmpty())
        return identifier;
    const QList<NamePart> parts = parseName(identifier);
    if (!parts.isEmpty() && std::all_of(parts.cbegin(), parts.cend(), [](const NamePart& p) { return p.wasQuoted; }))
        return identifier;
    if (type != TableName || parts.isEmpty())
        return quoted(identifier);
    QStringList escaped;
    for (const NamePart& part : parts)
        escaped.append(part.wasQuoted ? part.written : quoted(part.raw));
    return escaped.join(u'.');
}

bool SqlCipherDriver::subscribeToNotification(const QString& name)
{
    if (!isOpen()) {
        setLastError(QSqlError(tr("Unable to subscribe to notifications"), tr("The database is not open"),
                               QSqlError::ConnectionError));
        return false;
    }
    if (m_subscriptions.contains(name))
        return false;
    m_subscriptions.append(name);
    // SQLite has one update hook per connection; it serves every subscription.
    if (m_subscriptions.size() == 1)
        sqlite3_update_hook(m_db, &SqlCipherDriver::updateHook, this);
    return true;
}

bool SqlCipherDriver::unsubscribeFromNotification(const QString& name)
{
    if (!isOpen() || !m_subscriptions.removeOne(name))
        return false;
    if (m_subscriptions.isEmpty())
        sqlite3_update_hook(m_db, nullptr, nullptr);
    return true;
}

QStringList SqlCipherDriver::subscribedToNotifications() const
{
    return m_subscriptions;
}

void SqlCipherDriver::updateHook(void* driver, int /*operation*/, const char* /*database*/, const char* table,
                                 sqlite3_int64 rowId)
{
    // Called inside sqlite3_step(): no SQL may run here, so the signal is emitted later from the event loop of the
    // driver's thread (as QSQLITE does). A change that is rolled back afterwards has still been announced.
    auto* self = static_cast<SqlCipherDriver*>(driver);
    const QString tableName = QString::fromUtf8(table);
    QMetaObject::invokeMethod(
        self,
        [self, tableName, rowId] {
            if (self->m_subscriptions.contains(tableName))
                emit self->notification(tableName, QSqlDriver::UnknownSource, QVariant(qlonglong(rowId)));
        },
        Qt::QueuedConnection);
}

QVariant SqlCipherDriver::handle() const
{
    return QVariant::fromValue(static_cast<void*>(m_db));
}

} // namespace foyer::storage
