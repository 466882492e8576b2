#pragma once

#include <QJsonObject>
#include <QString>

namespace foyer::server {

// What each role may write, checked on every change of every pushed operation: development staff cannot write
// orders, payments or seats; only a manager (or admin) refunds or voids a confirmed order; only an admin writes
// staff and venue setup. Empty: allowed; else the reason staff read. orderNewToVenue: the row is an order, or a line or
// event of an order, that the same operation brings to the venue (the server had no such order): a workstation
// resending an order the server once refused, cancelled there (docs/sync-protocol.md, "Resolving a refused
// operation"), voids nothing the venue sold and gives no money back, so any role that sells may send it void (a
// payment with a negative amount still needs a manager).
class RolePolicy
{
public:
    static QString refusal(const QString& role, const QString& table, bool isDelete, const QJsonObject& fields,
                           const QJsonObject& before, bool existedBefore, bool orderNewToVenue = false);
};

} // namespace foyer::server
