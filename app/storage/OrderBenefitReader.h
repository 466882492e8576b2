#pragma once

#include "OrderDraft.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QSqlDatabase>
#include <QStringList>
#include <optional>

namespace foyer::storage {

// The benefit reads an order is priced and checked by: the patron's benefit levels, the discount codes and their
// earlier use, each performance's sale windows and its hall's members-only areas. Used by OrderRepository, on its
// connection and inside its transaction when it confirms.
class OrderBenefitReader
{
    // OrderRepository's context: these messages were its own, and their translations stay keyed by it.
    Q_DECLARE_TR_FUNCTIONS(foyer::storage::OrderRepository)
public:
    explicit OrderBenefitReader(QSqlDatabase db);

    // Prices the lines with the discounts the patron's benefit levels give (automatic ones, and limited-use ones while
    // uses are left across their orders), and puts in each line's error why the patron may not buy that seat now
    // (before the public sale outside their presale, or a members-only area). Returns how many lines were refused, or
    // nullopt (why in error) when something it needs could not be read.
    std::optional<int> applyBenefits(core::OrderDraft& order, const QDateTime& now, QString* error);
    // The benefit levels of the patron's live memberships on that day; empty for no patron.
    std::optional<QStringList> heldBenefitLevels(const QString& patronId, const QDate& on, QString* error);

private:
    QSqlDatabase m_db;
};

} // namespace foyer::storage
