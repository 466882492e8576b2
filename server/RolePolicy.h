#pragma once

#include <QJsonObject>
#include <QString>

namespace foyer::server {

// What each role may write, checked on every change of every pushed operation: development staff cannot write
// orders, payments or seats; only a manager (or admin) refunds or voids a confirmed order; only an admin writes
// staff and venue setup. Empty: allowed; else the reason staff read.
class RolePolicy
{
public:
    static QString refusal(const QString& role, const QString& table, bool isDelete, const QJsonObject& fields,
                           const QJsonObject& before, bool existedBefore);
};

} // namespace foyer::server
