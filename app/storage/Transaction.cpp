#include "Transaction.h"

#include "UuidV7.h"

#include <QDateTime>
#include <QSqlError>

namespace foyer::storage {

Transaction::Transaction(QSqlDatabase db, QString* error)
    : m_db(std::move(db))
    , m_error(error)
{
    m_open = m_db.transaction() || fail(error, m_db.lastError().text());
}

Transaction::~Transaction()
{
    if (m_open)
        m_db.rollback();
}

bool Transaction::finish(bool ok)
{
    if (!m_open)
        return false;
    m_open = false;
    if (ok && m_db.commit())
        return true;
    if (ok)
        fail(m_error, m_db.lastError().text());
    m_db.rollback();
    return false;
}

bool fail(QString* error, const QString& message)
{
    if (error)
        *error = message;
    return false;
}

QString nowUtcText()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QString isoUtc(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime utcFrom(const QVariant& value)
{
    if (value.isNull())
        return {};
    QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    time.setTimeSpec(Qt::UTC);
    return time;
}

QVariant textOrNull(const QString& text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

bool runBound(QSqlQuery& query, const QVariantList& values, QString* error)
{
    for (const QVariant& value : values)
        query.addBindValue(value);
    return query.exec() || fail(error, query.lastError().text());
}

bool insertPayment(QSqlQuery& query, const QString& orderId, const QString& payType, qint64 amountMinor,
                   const QString& staffId, const QString& now, QString* error)
{
    query.prepare(
        QStringLiteral(
            "INSERT INTO payment (id, order_id, pay_type, amount_minor, staff_id, workstation, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, %1, ?, ?)")
            .arg(QLatin1String(CurrentWorkstation)));
    return runBound(query, {core::UuidV7::generateText(), orderId, payType, amountMinor, textOrNull(staffId), now, now},
                    error);
}

} // namespace foyer::storage
