#include "CashDrawerRepository.h"

#include "ChangeLog.h"
#include "SqlBinding.h"
#include "SqlRead.h"
#include "StorageFailure.h"
#include "StoredTime.h"
#include "Transaction.h"
#include "UuidV7.h"
#include "WorkstationSql.h"

#include <QSqlError>
#include <QSqlQuery>

namespace foyer::storage {

CashDrawerRepository::CashDrawerRepository(QSqlDatabase db)
    : m_db(std::move(db))
{
}

bool CashDrawerRepository::recordCount(const CashCount& count, const QString& staffId, QString* error)
{
    if (!count.businessDate.isValid())
        return fail(error, tr("Choose the day the drawer was counted for."));
    if (count.workstation.trimmed().isEmpty())
        return fail(error, tr("This workstation has no name yet: confirm an order on it first."));
    if (count.drawer.trimmed().isEmpty())
        return fail(error, tr("Name the drawer (for example \"Drawer 1\" or \"Evening shift\")."));
    if (count.floatMinor < 0 || count.countedMinor < 0)
        return fail(error, tr("The float and the counted cash cannot be negative."));
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    const QString now = nowUtcText();
    const QString day = count.businessDate.toString(Qt::ISODate);
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id FROM cash_count WHERE business_date = ? AND workstation = ? AND drawer = ? "
                             "AND deleted_at IS NULL"));
    if (!runBound(q, {day, count.workstation, count.drawer.trimmed()}, error))
        return false;
    QString id = q.next() ? q.value(0).toString() : QString();
    if (q.lastError().isValid())
        return fail(error, q.lastError().text());
    bool ok = false;
    if (id.isEmpty()) {
        id = core::UuidV7::generateText();
        q.prepare(QStringLiteral("INSERT INTO cash_count (id, business_date, workstation, drawer, float_minor, "
                                 "counted_minor, note, staff_id, counted_at, created_at, updated_at) VALUES (?, ?, ?, "
                                 "?, ?, ?, ?, ?, ?, ?, ?)"));
        ok = runBound(q,
                      {id, day, count.workstation, count.drawer.trimmed(), count.floatMinor, count.countedMinor,
                       textOrNull(count.note.trimmed()), textOrNull(staffId), now, now, now},
                      error);
    } else {
        q.prepare(QStringLiteral("UPDATE cash_count SET float_minor = ?, counted_minor = ?, note = ?, staff_id = ?, "
                                 "counted_at = ?, updated_at = ? WHERE id = ?"));
        ok = runBound(
            q,
            {count.floatMinor, count.countedMinor, textOrNull(count.note.trimmed()), textOrNull(staffId), now, now, id},
            error);
    }
    ChangeLog::Change change;
    change.entity = QStringLiteral("cash_count");
    change.entityId = id;
    change.payload = {{QStringLiteral("business_date"), day},
                      {QStringLiteral("workstation"), count.workstation},
                      {QStringLiteral("drawer"), count.drawer.trimmed()},
                      {QStringLiteral("float_minor"), count.floatMinor},
                      {QStringLiteral("counted_minor"), count.countedMinor},
                      {QStringLiteral("note"), count.note.trimmed()}};
    change.historyKind = QStringLiteral("cash_counted");
    change.summary =
        QStringLiteral("Cash counted in %1 on %2 for %3").arg(count.drawer.trimmed(), count.workstation, day);
    change.actorId = staffId;
    ok = ok && ChangeLog(m_db).record(change, error);
    return txn.finish(ok);
}

QList<CashDrawerRepository::CashCount> CashDrawerRepository::counts(const QDate& day, const QString& workstation,
                                                                    QString* error)
{
    QList<CashCount> out;
    const bool read = readRows(
        m_db,
        QStringLiteral("SELECT c.workstation, c.drawer, c.float_minor, c.counted_minor, coalesce(c.note, ''), "
                       "coalesce(s.display_name, ''), c.counted_at FROM cash_count c LEFT JOIN staff_user s ON "
                       "s.id = c.staff_id WHERE c.deleted_at IS NULL AND c.business_date = ? AND (? = '' OR "
                       "c.workstation = ?) ORDER BY c.workstation, c.drawer"),
        {day.toString(Qt::ISODate), anyWorkstation(workstation), anyWorkstation(workstation)}, error,
        [&out, &day](const QSqlQuery& q) {
            out.append({day, q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong(),
                        q.value(3).toLongLong(), q.value(4).toString(), q.value(5).toString(), utcFrom(q.value(6))});
        });
    return read ? out : QList<CashCount>();
}

} // namespace foyer::storage
