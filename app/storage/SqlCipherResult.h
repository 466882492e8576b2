#pragma once

#include <QList>
#include <QSqlError>
#include <QSqlRecord>
#include <QSqlResult>
#include <QVariant>

struct sqlite3;
struct sqlite3_stmt;

namespace foyer::storage {

class SqlCipherDriver;

// One prepared statement. Forward-only results read values straight from the statement's current row (no copies);
// scrollable results keep each fetched row so that they can move back.
class SqlCipherResult : public QSqlResult
{
public:
    explicit SqlCipherResult(const SqlCipherDriver* driver);
    ~SqlCipherResult() override;

    QVariant handle() const override;

    // The QVariant type QSQLITE gives a column of this declared type (used by record() too).
    static QMetaType metaTypeForDeclaredType(QStringView declared);

protected:
    bool prepare(const QString& query) override;
    bool exec() override;
    bool reset(const QString& query) override;
    QVariant data(int column) override;
    bool isNull(int column) override;
    bool fetch(int row) override;
    bool fetchFirst() override;
    bool fetchLast() override;
    int size() override;
    int numRowsAffected() override;
    QSqlRecord record() const override;
    QVariant lastInsertId() const override;
    void detachFromResultSet() override;

private:
    void finalize();
    void buildRecord(bool onFirstRow);
    void clearRows();
    bool bindAll();
    // Steps the statement until it sits on row `row`; false at the end or on error (then lastError() is set).
    bool stepTo(int row);
    int stepOnce();
    void cacheCurrentRow();
    QVariant columnValue(int column) const;
    void setSqliteError(const QString& context, QSqlError::ErrorType type);

    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
    QSqlRecord m_record;
    // Keeps bound strings and blobs alive while SQLite reads them (bound with SQLITE_STATIC, no copy).
    QVariantList m_boundValues;
    QList<QByteArray> m_convertedText;
    QList<QVariantList> m_rows; // fetched rows, only for scrollable results or fetchLast()
    int m_firstCachedRow = 0;
    int m_statementRow = -1; // index of the row the statement currently sits on
    bool m_statementDone = false;
    int m_rowsAffected = 0;
    qint64 m_lastInsertId = 0;
};

} // namespace foyer::storage
