#pragma once

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

namespace foyer::storage {

// One write transaction: begun on construction, committed by finish(true), rolled back by finish(false) or when it
// goes out of scope unfinished. A change and its history, audit and outbox rows share one.
class Transaction
{
public:
    Transaction(QSqlDatabase db, QString* error);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    bool isOpen() const { return m_open; }
    // Commits when ok (reporting a failed commit in error), otherwise rolls back; returns whether it committed.
    bool finish(bool ok);

private:
    QSqlDatabase m_db;
    QString* m_error;
    bool m_open = false;
};

// Sets *error (when given) and returns false, so a failing step reads `return fail(error, message)`.
bool fail(QString* error, const QString& message);
// Now in UTC as stored: ISO-8601 with milliseconds.
QString nowUtcText();
// A time as stored (UTC, ISO-8601 with milliseconds), and back (invalid for NULL).
QString isoUtc(const QDateTime& time);
QDateTime utcFrom(const QVariant& value);
// An empty text as SQL NULL (optional columns).
QVariant textOrNull(const QString& text);
// Binds the values in order and runs the prepared query; false with the database's message in error.
bool runBound(QSqlQuery& query, const QVariantList& values, QString* error);

// SQL for this workstation's prefix (the first part of its confirmation numbers), as rows record where they were made.
inline constexpr char CurrentWorkstation[] =
    "(SELECT value FROM workstation_setting WHERE name = 'workstation_prefix')";

// A workstation filter for "(? = '' OR workstation = ?)": an empty (even null) name binds as '' and matches all.
inline QVariant anyWorkstation(const QString& workstation)
{
    return workstation.isEmpty() ? QVariant(QStringLiteral("")) : QVariant(workstation);
}

// Money taken (positive) or given back (negative) for an order, by whom and at this workstation, so the day sheet can
// add up each drawer.
bool insertPayment(QSqlQuery& query, const QString& orderId, const QString& payType, qint64 amountMinor,
                   const QString& staffId, const QString& now, QString* error);

} // namespace foyer::storage
