#pragma once

#include "PatronTask.h"

#include <QSqlDatabase>

namespace foyer::storage {

// Tasks for a patron assigned to a staff member (the activity table). Adding and completing each write history,
// audit and outbox in one transaction.
class TaskRepository
{
public:
    explicit TaskRepository(QSqlDatabase db);

    // Reads report a refused statement in error (when given); an empty list then means "could not be read".
    QList<core::PatronTask> forPatron(const QString& patronId, QString* error); // open first, by due date
    // "My tasks": open ones, soonest due first.
    QList<core::PatronTask> openFor(const QString& staffId, QString* error);
    // Refused without a title, an assignee that exists, or a due date.
    bool add(core::PatronTask& task, const QString& actorId, QString* error);
    // Refused without an outcome, and for a task already done.
    bool complete(const QString& taskId, const QString& outcome, const QString& actorId, QString* error);

private:
    QList<core::PatronTask> select(const QString& where, const QString& value, QString* error);

    QSqlDatabase m_db;
};

} // namespace foyer::storage
