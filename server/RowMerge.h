#pragma once

#include <QJsonObject>
#include <QString>

namespace foyer::server {

// Field-level last-writer-wins: a row's columns with the clock of the write that set each one. A change to a field
// is taken only if its clock is later (as text) than the field's; "$row" holds the clock of the insert or delete that
// last decided whether the row exists, "$fields" the clock of every column the row was first inserted with that has
// no clock of its own.
class RowMerge
{
public:
    struct Row
    {
        bool exists = false;
        QJsonObject data;
        QJsonObject clock;
        bool deleted = false;
    };
    enum class Kind
    {
        Insert,
        Update,
        Delete
    };

    // Merges one change into row; true when anything (a value, a clock or whether it is deleted) changed.
    static bool apply(Row& row, Kind kind, const QJsonObject& key, const QJsonObject& fields, const QString& hlc);
};

} // namespace foyer::server
