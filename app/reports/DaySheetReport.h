#pragma once

#include "CashDrawerRepository.h"
#include "ReportDocument.h"
#include "ReportRepository.h"

namespace foyer::reports {

// The box office day sheet (end-of-day close) for a day and one workstation or all: money by pay type with refunds,
// each drawer's expected cash against the cash counted at close, who sold what, every order confirmed, refunds,
// exchanges and voids. Every figure is a sum of payment rows, so the sheet reconciles to the cent with the orders.
class DaySheetReport
{
    Q_DECLARE_TR_FUNCTIONS(foyer::reports::DaySheetReport)
public:
    struct Input
    {
        QDate day;
        QString workstation; // empty: all
        QList<storage::ReportRepository::PaymentRow> payments;
        QList<storage::ReportRepository::SoldOrderRow> orders;
        QList<storage::ReportRepository::OrderEventRow> events;
        QList<storage::CashDrawerRepository::CashCount> counts;
    };

    static ReportDocument build(const Input& input);
};

} // namespace foyer::reports
