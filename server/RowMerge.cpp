#include "RowMerge.h"

namespace foyer::server {

namespace {

const QString rowClock = QStringLiteral("$row");

bool later(const QJsonObject& clock, const QString& field, const QString& hlc)
{
    const auto it = clock.constFind(field);
    return it == clock.constEnd() || hlc > it->toString();
}

} // namespace

bool RowMerge::apply(Row& row, Kind kind, const QJsonObject& key, const QJsonObject& fields, const QString& hlc)
{
    bool changed = !row.exists;
    row.exists = true;
    if (kind == Kind::Delete) {
        if (later(row.clock, rowClock, hlc)) {
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
    if (kind == Kind::Insert && later(row.clock, rowClock, hlc)) {
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
        if (key.contains(it.key()) || !later(row.clock, it.key(), hlc))
            continue;
        if (row.data.value(it.key()) != it.value() || !row.data.contains(it.key()))
            row.data.insert(it.key(), it.value());
        row.clock.insert(it.key(), hlc);
        changed = true;
    }
    return changed;
}

} // namespace foyer::server
