#pragma once

#include "MembershipCreditRule.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlDatabase>
#include <QStringList>
#include <optional>

namespace foyer::storage {

// The membership reads a confirmation checks its membership lines by: the member records (shows covered, seat
// credits, memberships sharing the email) and the credits other orders already used. Used by OrderRepository, on its
// connection and inside its transaction when it confirms.
class MemberCreditReader
{
    // OrderRepository's context: these messages were its own, and their translations stay keyed by it.
    Q_DECLARE_TR_FUNCTIONS(foyer::storage::OrderRepository)
public:
    explicit MemberCreditReader(QSqlDatabase db);

    // The members with these numbers; each record also counts every live membership sharing its email.
    std::optional<QHash<QString, core::MemberRecord>> memberRecords(const QStringList& membershipNumbers,
                                                                    QString* error);
    // The credits these members used on orders other than excludingOrderId.
    std::optional<QList<core::PriorCreditUse>> priorCreditUse(const QStringList& membershipNumbers,
                                                              const QString& excludingOrderId, QString* error);

private:
    QSqlDatabase m_db;
};

} // namespace foyer::storage
