#pragma once

#include "MemberPasswords.h"
#include "OrderDraft.h"
#include "Repositories.h"

#include <QCoreApplication>
#include <QHash>
#include <functional>

class QTableWidget;

namespace foyer::gui {

// The order editor's lines table: one row per seat with its price type, pay type, membership number (and, with
// member authentication, the member's email and password) edited in place and read straight back into the order
// draft, priced with the patron's benefits. The draft and the passwords belong to the editor; this fills the table
// from them and writes the edits into them.
class OrderLinesTable
{
    // The strings stay in the editor's translation context, where they were translated.
    Q_DECLARE_TR_FUNCTIONS(foyer::gui::OrderEditorDialog)
public:
    enum Column
    {
        SeatColumn,
        PerformanceColumn,
        PriceTypeColumn,
        PayTypeColumn,
        MembershipColumn,
        MemberEmailColumn,
        MemberPasswordColumn,
        PriceColumn,
        ProblemColumn,
        ColumnCount
    };

    // onProblem hears what could not be read; onChanged, that the lines (and so the totals) changed.
    OrderLinesTable(QTableWidget* table, storage::Repositories* repos, core::OrderDraft& order,
                    MemberPasswords& passwords, bool memberAuthentication,
                    std::function<void(const QString&)> onProblem, std::function<void()> onChanged);
    OrderLinesTable(const OrderLinesTable&) = delete;
    OrderLinesTable& operator=(const OrderLinesTable&) = delete;

    // Rebuilds every row from the draft (an open order is priced first).
    void fill();
    // A confirmed order's lines stay selectable (a seat to refund) but are no longer edited in place.
    void setEditable(bool editable);
    // The show's price types, read once (a failed read is reported and not cached).
    QList<storage::VenueRepository::PriceType> priceTypesFor(const QString& showId);

private:
    // Refreshes one row's price, membership cell and problem after its combo changed (no widgets are rebuilt: the
    // combo that changed is the one being edited).
    void updateRow(int index);
    // Prices the lines with the patron's benefits (a failed read is shown, never taken for "no discounts").
    void priceLines();
    int lineIndex(const QString& lineId) const;

    QTableWidget* m_table;
    storage::Repositories* m_repos;
    core::OrderDraft& m_order;
    MemberPasswords& m_passwords;
    bool m_memberAuthentication;
    std::function<void(const QString&)> m_onProblem;
    std::function<void()> m_onChanged;
    QHash<QString, QList<storage::VenueRepository::PriceType>> m_priceTypes;
    bool m_filling = false;
};

} // namespace foyer::gui
