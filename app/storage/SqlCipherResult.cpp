#include "SqlCipherResult.h"

#include "SqlCipherDriver.h"
#include "SqliteError.h"

#include <QDate>
#include <QDateTime>
#include <QSqlField>
#include <QTime>
#include <QUuid>
#include <sqlite3.h>

namespace foyer::storage {

namespace {

// An expression column (no declared type) takes its type from the first row's value, as in QSQLITE.
QMetaType metaTypeForStorageClass(int storageClass)
{
    switch (storageClass) {
    case SQLITE_INTEGER:
        return QMetaType::fromType<int>();
    case SQLITE_FLOAT:
        return QMetaType::fromType<double>();
    case SQLITE_BLOB:
        return QMetaType::fromType<QByteArray>();
    case SQLITE_TEXT:
        return QMetaType::fromType<QString>();
    default:
        return QMetaType();
    }
}

// A value stored as SQL NULL: an empty QVariant, or a null string, byte array, date or time inside one
// (the same rule Qt's own drivers apply, so code moving between drivers keeps its meaning).
bool isNullValue(const QVariant& value)
{
    if (value.isNull())
        return true;
    switch (value.typeId()) {
    case QMetaType::QString:
        return static_cast<const QString*>(value.constData())->isNull();
    case QMetaType::QByteArray:
        return static_cast<const QByteArray*>(value.constData())->isNull();
    case QMetaType::QDateTime:
        return !static_cast<const QDateTime*>(value.constData())->isValid();
    case QMetaType::QDate:
        return !static_cast<const QDate*>(value.constData())->isValid();
    case QMetaType::QTime:
        return !static_cast<const QTime*>(value.constData())->isValid();
    default:
        return false;
    }
}

} // namespace

// The QVariant type QSQLITE gives a column with this declared type: only the exact names "integer" and "int" are
// integers (BIGINT is text there), "numeric..." is a double.
QMetaType SqlCipherResult::metaTypeForDeclaredType(QStringView declared)
{
    const QString type = declared.toString().toLower();
    if (type == QLatin1String("integer") || type == QLatin1String("int"))
        return QMetaType::fromType<int>();
    if (type == QLatin1String("double") || type == QLatin1String("float") || type == QLatin1String("real") ||
        type.startsWith(QLatin1String("numeric")))
        return QMetaType::fromType<double>();
    if (type == QLatin1String("blob"))
        return QMetaType::fromType<QByteArray>();
    if (type == QLatin1String("boolean") || type == QLatin1String("bool"))
        return QMetaType::fromType<bool>();
    return QMetaType::fromType<QString>();
}

SqlCipherResult::SqlCipherResult(const SqlCipherDriver* driver)
    : QSqlResult(driver)
    , m_db(driver->connection())
{
}

SqlCipherResult::~SqlCipherResult()
{
    finalize();
}

QVariant SqlCipherResult::handle() const
{
    return QVariant::fromValue(static_cast<void*>(m_stmt));
}

void SqlCipherResult::finalize()
{
    if (m_stmt) {
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
    }
    clearRows();
    m_record.clear();
}

void SqlCipherResult::clearRows()
{
    m_rows.clear();
    m_firstCachedRow = 0;
    m_statementRow = -1;
    m_statementDone = false;
}

void SqlCipherResult::setSqliteError(const QString& context, QSqlError::ErrorType type)
{
    setLastError(makeSqliteError(m_db, sqlite3_errcode(m_db), context, type));
}

bool SqlCipherResult::reset(const QString& query)
{
    if (!prepare(query))
        return false;
    return exec();
}

bool SqlCipherResult::prepare(const QString& query)
{
    finalize();
    setActive(false);
    setAt(QSql::BeforeFirstRow);
    const SqlCipherDriver* cipherDriver = static_cast<const SqlCipherDriver*>(driver());
    m_db = cipherDriver ? cipherDriver->connection() : nullptr;
    if (!m_db || !driver()->isOpen()) {
        setLastError(QSqlError(QStringLiteral("Unable to prepare statement"), QStringLiteral("Database is not open"),
                               QSqlError::StatementError));
        return false;
    }
    const auto* text = reinterpret_cast<const char16_t*>(query.utf16());
    const void* tail = nullptr;
    const int rc = sqlite3_prepare16_v2(m_db, text, int(query.size() * sizeof(char16_t)), &m_stmt, &tail);
    if (rc != SQLITE_OK) {
        setSqliteError(QStringLiteral("Unable to prepare statement"), QSqlError::StatementError);
        finalize();
        return false;
    }
    // SQLite compiles only the first statement; QSQLITE refuses the rest rather than drop it silently, and so do we
    // (anything but white space after the first statement, even a comment).
    const auto* rest = static_cast<const char16_t*>(tail);
    if (rest && !QStringView(rest, text + query.size()).trimmed().isEmpty()) {
        finalize();
        setLastError(QSqlError(SqlCipherDriver::tr("Unable to execute multiple statements at a time"),
                               SqlCipherDriver::tr("Only one SQL statement can be run per query; the text after the "
                                                   "first statement was refused and nothing was run"),
                               QSqlError::StatementError, QString::number(SQLITE_MISUSE)));
        return false;
    }
    if (!m_stmt) { // empty statement or only a comment
        setLastError(QSqlError(QStringLiteral("Unable to prepare statement"), QStringLiteral("Empty statement"),
                               QSqlError::StatementError));
        return false;
    }
    return true; // the record is built by exec(): an expression column's type depends on its first value
}

void SqlCipherResult::buildRecord(bool onFirstRow)
{
    // Like QSQLITE: a column's type comes from its declared type, or, for an expression, from the first row's value
    // (unknown when there is none); the field's sqlType is that first value's storage class, or -1.
    m_record.clear();
    const int columns = sqlite3_column_count(m_stmt);
    for (int i = 0; i < columns; ++i) {
        const QString name = QString::fromUtf8(sqlite3_column_name(m_stmt, i)).remove(u'"');
        const QString table = QString::fromUtf8(sqlite3_column_table_name(m_stmt, i)).remove(u'"');
        const int storageClass = onFirstRow ? sqlite3_column_type(m_stmt, i) : -1;
        const char* declared = sqlite3_column_decltype(m_stmt, i);
        const QMetaType type = declared && *declared ? metaTypeForDeclaredType(QString::fromUtf8(declared))
                                                     : metaTypeForStorageClass(storageClass);
        QSqlField field(name, type, table);
        field.setSqlType(storageClass);
        m_record.append(field);
    }
}

bool SqlCipherResult::bindAll()
{
    m_boundValues = boundValues(); // shallow copy: keeps the bound data alive while SQLite reads it
    m_convertedText.clear();
    const int parameterCount = sqlite3_bind_parameter_count(m_stmt);
    if (m_boundValues.size() != parameterCount) {
        setLastError(QSqlError(QStringLiteral("Unable to bind parameters"),
                               QStringLiteral("The statement has %1 placeholders but %2 values were bound")
                                   .arg(parameterCount)
                                   .arg(m_boundValues.size()),
                               QSqlError::StatementError));
        return false;
    }
    for (int i = 0; i < m_boundValues.size(); ++i) {
        const QVariant& value = m_boundValues.at(i);
        const int index = i + 1;
        int rc = SQLITE_OK;
        if (isNullValue(value)) {
            rc = sqlite3_bind_null(m_stmt, index);
        } else {
            switch (value.typeId()) {
            case QMetaType::QByteArray: {
                const QByteArray& bytes = *static_cast<const QByteArray*>(value.constData());
                rc = sqlite3_bind_blob(m_stmt, index, bytes.constData(), int(bytes.size()), SQLITE_STATIC);
                break;
            }
            case QMetaType::QString: {
                const QString& text = *static_cast<const QString*>(value.constData());
                rc = sqlite3_bind_text16(m_stmt, index, text.utf16(), int(text.size() * sizeof(char16_t)),
                                         SQLITE_STATIC);
                break;
            }
            case QMetaType::Bool:
            case QMetaType::Int:
            case QMetaType::UInt:
            case QMetaType::Short:
            case QMetaType::UShort:
            case QMetaType::Long:
            case QMetaType::LongLong:
            case QMetaType::ULong:
            case QMetaType::ULongLong:
                rc = sqlite3_bind_int64(m_stmt, index, value.toLongLong());
                break;
            case QMetaType::Double:
            case QMetaType::Float:
                rc = sqlite3_bind_double(m_stmt, index, value.toDouble());
                break;
            default: {
                // Dates and times are stored as ISO-8601 text, date-times always in UTC.
                QString text;
                if (value.typeId() == QMetaType::QDateTime)
                    text = value.toDateTime().toUTC().toString(Qt::ISODateWithMs);
                else if (value.typeId() == QMetaType::QDate)
                    text = value.toDate().toString(Qt::ISODate);
                else if (value.typeId() == QMetaType::QTime)
                    text = value.toTime().toString(QStringLiteral("hh:mm:ss.zzz"));
                else if (value.typeId() == QMetaType::QUuid)
                    text = value.toUuid().toString(QUuid::WithoutBraces);
                else
                    text = value.toString();
                m_convertedText.append(text.toUtf8());
                const QByteArray& utf8 = m_convertedText.constLast();
                rc = sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_STATIC);
                break;
            }
            }
        }
        if (rc != SQLITE_OK) {
            setSqliteError(QStringLiteral("Unable to bind parameter %1").arg(index), QSqlError::StatementError);
            return false;
        }
    }
    return true;
}

bool SqlCipherResult::exec()
{
    if (!m_stmt) {
        setLastError(QSqlError(QStringLiteral("Unable to execute statement"),
                               QStringLiteral("The statement was not prepared"), QSqlError::StatementError));
        return false;
    }
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    clearRows();
    setAt(QSql::BeforeFirstRow);
    setActive(false);
    if (!bindAll())
        return false;

    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        m_statementRow = 0;
        buildRecord(true);
        if (!isForwardOnly())
            cacheCurrentRow();
    } else if (rc == SQLITE_DONE) {
        m_statementDone = true;
        buildRecord(false);
    } else {
        // Qt's drivers report a failed step (constraint, I/O) as a connection error; prepare errors are statement
        // errors. Keep the same split so callers can tell them apart the usual way.
        setSqliteError(QStringLiteral("Unable to execute statement"), QSqlError::ConnectionError);
        sqlite3_reset(m_stmt);
        return false;
    }
    const bool isSelectStatement = sqlite3_column_count(m_stmt) > 0;
    setSelect(isSelectStatement);
    m_rowsAffected = isSelectStatement ? 0 : sqlite3_changes(m_db);
    m_lastInsertId = isSelectStatement ? 0 : sqlite3_last_insert_rowid(m_db);
    setActive(true);
    return true;
}

int SqlCipherResult::stepOnce()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        ++m_statementRow;
        if (!isForwardOnly())
            cacheCurrentRow();
    } else if (rc == SQLITE_DONE) {
        m_statementDone = true;
    } else {
        m_statementDone = true;
        setSqliteError(QStringLiteral("Unable to fetch row"), QSqlError::ConnectionError);
    }
    return rc;
}

bool SqlCipherResult::stepTo(int row)
{
    while (m_statementRow < row) {
        if (m_statementDone || stepOnce() != SQLITE_ROW)
            return false;
    }
    return true;
}

void SqlCipherResult::cacheCurrentRow()
{
    const int columns = sqlite3_column_count(m_stmt);
    QVariantList values;
    values.reserve(columns);
    for (int i = 0; i < columns; ++i)
        values.append(columnValue(i));
    if (m_rows.isEmpty())
        m_firstCachedRow = m_statementRow;
    m_rows.append(values);
}

bool SqlCipherResult::fetch(int row)
{
    if (!m_stmt || !isActive() || !isSelect() || row < 0)
        return false;
    if (!isForwardOnly() && row < m_firstCachedRow + m_rows.size()) {
        setAt(row);
        return true;
    }
    if (isForwardOnly() && row < m_statementRow) // cannot go back
        return false;
    if (!stepTo(row)) {
        setAt(QSql::AfterLastRow);
        return false;
    }
    setAt(row);
    return true;
}

bool SqlCipherResult::fetchFirst()
{
    return fetch(0);
}

bool SqlCipherResult::fetchLast()
{
    if (!m_stmt || !isActive() || !isSelect())
        return false;
    if (isForwardOnly()) {
        // Keep a copy of each row before stepping past it: the last one is only known once the statement ends.
        if (m_statementRow < 0 && m_statementDone)
            return false;
        QVariantList last;
        int lastRow = -1;
        while (true) {
            if (m_statementRow >= 0 && !m_statementDone) {
                last.clear();
                for (int i = 0; i < sqlite3_column_count(m_stmt); ++i)
                    last.append(columnValue(i));
                lastRow = m_statementRow;
            }
            if (m_statementDone || stepOnce() != SQLITE_ROW)
                break;
        }
        if (lastRow < 0)
            return false;
        m_rows = {last};
        m_firstCachedRow = lastRow;
        setAt(lastRow);
        return true;
    }
    while (!m_statementDone && stepOnce() == SQLITE_ROW) {
    }
    if (m_rows.isEmpty())
        return false;
    setAt(m_firstCachedRow + int(m_rows.size()) - 1);
    return true;
}

QVariant SqlCipherResult::columnValue(int column) const
{
    switch (sqlite3_column_type(m_stmt, column)) {
    case SQLITE_INTEGER:
        return QVariant(qlonglong(sqlite3_column_int64(m_stmt, column)));
    case SQLITE_FLOAT:
        // The policy a caller set on the query (or the database) decides how floating-point values arrive.
        switch (numericalPrecisionPolicy()) {
        case QSql::LowPrecisionInt32:
            return QVariant(sqlite3_column_int(m_stmt, column));
        case QSql::LowPrecisionInt64:
            return QVariant(qlonglong(sqlite3_column_int64(m_stmt, column)));
        default:
            return QVariant(sqlite3_column_double(m_stmt, column));
        }
    case SQLITE_BLOB: {
        const void* bytes = sqlite3_column_blob(m_stmt, column);
        const int size = sqlite3_column_bytes(m_stmt, column);
        return QVariant(QByteArray(static_cast<const char*>(bytes), size));
    }
    case SQLITE_NULL:
        return QVariant(QMetaType::fromType<QString>()); // a null QString whatever the column, as in QSQLITE
    default: {
        const auto* text = static_cast<const char16_t*>(sqlite3_column_text16(m_stmt, column));
        const int bytes = sqlite3_column_bytes16(m_stmt, column);
        return QVariant(QString(reinterpret_cast<const QChar*>(text), bytes / int(sizeof(char16_t))));
    }
    }
}

QVariant SqlCipherResult::data(int column)
{
    if (column < 0 || column >= m_record.count() || at() < 0)
        return QVariant();
    const int cachedIndex = at() - m_firstCachedRow;
    if (!m_rows.isEmpty() && cachedIndex >= 0 && cachedIndex < m_rows.size())
        return m_rows.at(cachedIndex).at(column);
    if (at() == m_statementRow && !m_statementDone)
        return columnValue(column);
    return QVariant();
}

bool SqlCipherResult::isNull(int column)
{
    if (at() >= 0 && at() == m_statementRow && !m_statementDone && column >= 0 && column < m_record.count())
        return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
    return data(column).isNull();
}

int SqlCipherResult::size()
{
    return -1; // SQLite only knows the row count once every row has been stepped through
}

int SqlCipherResult::numRowsAffected()
{
    return m_rowsAffected;
}

QSqlRecord SqlCipherResult::record() const
{
    return isActive() && isSelect() ? m_record : QSqlRecord();
}

QVariant SqlCipherResult::lastInsertId() const
{
    return m_lastInsertId > 0 ? QVariant(m_lastInsertId) : QVariant();
}

void SqlCipherResult::detachFromResultSet()
{
    if (m_stmt)
        sqlite3_reset(m_stmt);
    clearRows();
}

} // namespace foyer::storage
