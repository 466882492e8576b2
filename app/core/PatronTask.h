#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>

namespace foyer::core {

// A follow-up for a patron assigned to a staff member ("call about the renewal by Friday"). It shows on the patron's
// contact logs and in the assignee's "My tasks", and is marked done with an outcome.
struct PatronTask
{
    QString id;
    QString patronId;
    QString patronName;
    QString title;
    QString details;
    QString assignedToId;
    QString assignedToName;
    QDate dueOn;
    QDateTime doneAt; // invalid while open
    QString outcome;

    bool isDone() const { return doneAt.isValid(); }
    bool isOverdue(const QDate& today) const { return !isDone() && dueOn.isValid() && dueOn < today; }
};

} // namespace foyer::core
