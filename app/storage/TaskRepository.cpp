#include "TaskRepository.h"

#include "ChangeLog.h"
#include "Patron.h"
#include "SqlRead.h"
#include "StorageFailure.h"
#include "StoredTime.h"
#include "Transaction.h"
#include "UuidV7.h"

#include <QSqlError>
#include <QSqlQuery>

namespace foyer::storage {

TaskRepository::TaskRepository(QSqlDatabase db)
    : m_db(std::move(db))
{
}

QList<core::PatronTask> TaskRepository::select(const QString& where, const QString& value, QString* error)
{
    QList<core::PatronTask> out;
    const QString sql =
        QStringLiteral("SELECT a.id, a.patron_id, p.first_name, p.last_name, p.preferred_name, p.organisation, "
                       "a.title, coalesce(a.details, ''), a.assigned_to_id, s.display_name, a.due_at, "
                       "a.done_at, coalesce(a.outcome, '') FROM activity a LEFT JOIN patron p ON p.id = "
                       "a.patron_id LEFT JOIN staff_user s ON s.id = a.assigned_to_id WHERE a.deleted_at IS "
                       "NULL AND ") +
        where + QStringLiteral(" ORDER BY a.done_at IS NOT NULL, a.due_at, a.created_at");
    const bool ok = readRows(m_db, sql, {value}, error, [&](const QSqlQuery& q) {
        core::PatronTask task;
        task.id = q.value(0).toString();
        task.patronId = q.value(1).toString();
        core::Patron patron;
        patron.firstName = q.value(2).toString();
        patron.lastName = q.value(3).toString();
        patron.preferredName = q.value(4).toString();
        patron.organisation = q.value(5).toString();
        task.patronName = patron.displayName();
        task.title = q.value(6).toString();
        task.details = q.value(7).toString();
        task.assignedToId = q.value(8).toString();
        task.assignedToName = q.value(9).toString();
        task.dueOn = QDate::fromString(q.value(10).toString().left(10), Qt::ISODate);
        if (!q.value(11).isNull()) {
            task.doneAt = QDateTime::fromString(q.value(11).toString(), Qt::ISODateWithMs);
            task.doneAt.setTimeSpec(Qt::UTC);
        }
        task.outcome = q.value(12).toString();
        out.append(task);
    });
    return ok ? out : QList<core::PatronTask>();
}

QList<core::PatronTask> TaskRepository::forPatron(const QString& patronId, QString* error)
{
    return select(QStringLiteral("a.patron_id = ?"), patronId, error);
}

QList<core::PatronTask> TaskRepository::openFor(const QString& staffId, QString* error)
{
    return select(QStringLiteral("a.done_at IS NULL AND a.assigned_to_id = ?"), staffId, error);
}

bool TaskRepository::add(core::PatronTask& task, const QString& actorId, QString* error)
{
    if (task.title.trimmed().isEmpty())
        return fail(error, QStringLiteral("A task needs a title."));
    if (!task.dueOn.isValid())
        return fail(error, QStringLiteral("A task needs a due date."));
    QSqlQuery staff(m_db);
    staff.prepare(QStringLiteral("SELECT display_name FROM staff_user WHERE id = ? AND active = 1 AND deleted_at IS "
                                 "NULL"));
    staff.addBindValue(task.assignedToId);
    bool staffFound = false;
    if (!readFirst(staff, &staffFound, error))
        return false;
    if (!staffFound)
        return fail(error, QStringLiteral("Assign the task to a staff member."));
    task.assignedToName = staff.value(0).toString();
    staff.finish();

    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    task.id = core::UuidV7::generateText();
    const QString now = nowUtcText();
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("INSERT INTO activity (id, patron_id, assigned_to_id, title, details, due_at, created_by_id, "
                       "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const QString& value : {task.id, task.patronId, task.assignedToId, task.title.trimmed(),
                                 task.details.trimmed(), task.dueOn.toString(Qt::ISODate), actorId, now, now})
        q.addBindValue(value);
    bool ok = q.exec() || fail(error, q.lastError().text());
    if (ok) {
        ChangeLog::Change change;
        change.entity = QStringLiteral("activity");
        change.entityId = task.id;
        change.patronId = task.patronId;
        change.historyKind = QStringLiteral("task");
        change.summary = QStringLiteral("Task for %1, due %2: %3")
                             .arg(task.assignedToName, task.dueOn.toString(Qt::ISODate), task.title.trimmed());
        change.actorId = actorId;
        change.payload = {{QStringLiteral("id"), task.id},
                          {QStringLiteral("patron_id"), task.patronId},
                          {QStringLiteral("assigned_to_id"), task.assignedToId},
                          {QStringLiteral("title"), task.title.trimmed()},
                          {QStringLiteral("details"), task.details.trimmed()},
                          {QStringLiteral("due_at"), task.dueOn.toString(Qt::ISODate)}};
        ok = ChangeLog(m_db).record(change, error);
    }
    return txn.finish(ok);
}

bool TaskRepository::complete(const QString& taskId, const QString& outcome, const QString& actorId, QString* error)
{
    if (outcome.trimmed().isEmpty())
        return fail(error, QStringLiteral("Say what came of the task before marking it done."));
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT patron_id, title FROM activity WHERE id = ? AND done_at IS NULL AND deleted_at "
                             "IS NULL"));
    q.addBindValue(taskId);
    bool found = false;
    if (!readFirst(q, &found, error))
        return false;
    if (!found)
        return fail(error, QStringLiteral("That task is already done or no longer exists."));
    const QString patronId = q.value(0).toString();
    const QString title = q.value(1).toString();
    q.finish();
    const QString now = nowUtcText();
    q.prepare(QStringLiteral("UPDATE activity SET done_at = ?, outcome = ?, updated_at = ? WHERE id = ?"));
    for (const QString& value : {now, outcome.trimmed(), now, taskId})
        q.addBindValue(value);
    bool ok = q.exec() || fail(error, q.lastError().text());
    if (ok) {
        ChangeLog::Change change;
        change.entity = QStringLiteral("activity");
        change.entityId = taskId;
        change.patronId = patronId;
        change.historyKind = QStringLiteral("task");
        change.summary = QStringLiteral("Task done: %1 (%2)").arg(title, outcome.trimmed());
        change.actorId = actorId;
        change.payload = {{QStringLiteral("id"), taskId},
                          {QStringLiteral("done_at"), now},
                          {QStringLiteral("outcome"), outcome.trimmed()}};
        ok = ChangeLog(m_db).record(change, error);
    }
    return txn.finish(ok);
}

} // namespace foyer::storage
