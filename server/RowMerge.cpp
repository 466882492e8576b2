#include "RowMerge.h"

namespace foyer::server {

namespace {

const QString rowClock = QStringLiteral("$row");
// The clock of every column a row was first inserted with, written once instead of once per column: a column with no
// clock of its own that the row holds has this one (a later write of a column always gives it its own).
const QString insertClock = QStringLiteral("$fields");

bool later(const RowMerge::Row& row, const QString& field, const QString& hlc)
{
    auto it = row.clock.constFind(field);
    if (it == row.clock.constEnd() && field != rowClock && row.data.contains(field))
        it = row.clock.constFind(insertClock);
    return it == row.clock.constEnd() || hlc > it->toString();
}

} // namespace

bool RowMerge::apply(Row& row, Kind kind, const QJsonObject& key, const QJsonObject& fields, const QString& hlc)
{
    if (!row.exists && kind == Kind::Insert) {
        // The usual case, a new row: its columns as sent, each with the insert's clock.
        row.exists = true;
        row.deleted = false;
        row.data = fields;
        for (auto it = key.constBegin(); it != key.constEnd(); ++it)
            if (row.data.value(it.key()) != it.value())
                row.data.insert(it.key(), it.value());
        row.clock = QJsonObject{{rowClock, hlc}, {insertClock, hlc}};
        return true;
    }
    bool changed = !row.exists;
    row.exists = true;
    if (kind == Kind::Delete) {
        if (later(row, rowClock, hlc)) {
            changed = changed || !row.deleted || row.clock.value(rowClock).toString() != hlc;
            row.deleted = true;
            row.clock.insert(rowClock, hlc);
        }
        for (auto it = key.constBegin(); it != key.constEnd(); ++it)
            if (!row.data.contains(it.key())) {
                row.data.insert(it.key(), it.value());
                changed = true;
            }
        return changed;
    }
    if (kind == Kind::Insert && later(row, rowClock, hlc)) {
        changed = changed || row.deleted || row.clock.value(rowClock).toString() != hlc;
        row.deleted = false;
        row.clock.insert(rowClock, hlc);
    }
    // The key's columns are the row's identity, whatever the fields say.
    for (auto it = key.constBegin(); it != key.constEnd(); ++it)
        if (row.data.value(it.key()) != it.value()) {
            row.data.insert(it.key(), it.value());
            changed = true;
        }
    for (auto it = fields.constBegin(); it != fields.constEnd(); ++it) {
        if (key.contains(it.key()) || !later(row, it.key(), hlc))
            continue;
        if (row.data.value(it.key()) != it.value() || !row.data.contains(it.key()))
            row.data.insert(it.key(), it.value());
        row.clock.insert(it.key(), hlc);
        changed = true;
    }
    return changed;
}

} // namespace foyer::server
