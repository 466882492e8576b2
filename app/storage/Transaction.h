#pragma once

#include <QSqlDatabase>
#include <QString>

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

} // namespace foyer::storage
