#pragma once

#include "OrderDraft.h"
#include "Repositories.h"
#include "TicketDocument.h"

#include <QCoreApplication>
#include <functional>

class QWidget;

namespace foyer::gui {

// The tickets of one order, printed or written to a PDF: each seat with its hall, the money by pay type, signed with
// the venue's ticket key (made on first use).
class OrderTickets
{
    Q_DECLARE_TR_FUNCTIONS(foyer::gui::OrderTickets)
public:
    OrderTickets(storage::Repositories* repos, const core::OrderDraft& order, const QString& patronName,
                 const QList<storage::VenueRepository::Performance>& performances);

    const reports::TicketOrder& tickets() const { return m_tickets; }
    bool writePdf(const QString& path) const;
    // Opens the print dialog over parent; onProblem hears when the tickets could not be printed.
    void print(QWidget* parent, const std::function<void(const QString&)>& onProblem) const;

private:
    static security::TicketSigner signer(storage::Repositories* repos);

    storage::Repositories* m_repos;
    reports::TicketOrder m_tickets;
};

} // namespace foyer::gui
