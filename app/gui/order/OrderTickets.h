#pragma once

#include "OrderDraft.h"
#include "Repositories.h"
#include "TicketDocument.h"

#include <QCoreApplication>
#include <functional>

class QWidget;

namespace foyer::gui {

// The tickets of one order, printed or written to a PDF: each seat with its hall, the money by pay type, signed with
// the workstation's ticket key (made on first use), as FOYER2 with the venue's certificate of it once registered.
class OrderTickets
{
    Q_DECLARE_TR_FUNCTIONS(foyer::gui::OrderTickets)
public:
    OrderTickets(storage::Repositories* repos, const core::OrderDraft& order, const QString& patronName,
                 const QList<storage::VenueRepository::Performance>& performances);

    const reports::TicketOrder& tickets() const { return m_tickets; }
    // False when the PDF could not be written; error says why when a setting or the ticket key could not be read.
    bool writePdf(const QString& path, QString* error) const;
    // Opens the print dialog over parent; onProblem hears when the tickets could not be printed.
    void print(QWidget* parent, const std::function<void(const QString&)>& onProblem) const;

private:
    // Signs with the stored key and its certificate; error says why when either cannot be read or the key made (the
    // tickets are then not printed).
    static security::TicketSigner signer(storage::Repositories* repos, QString* error);

    storage::Repositories* m_repos;
    reports::TicketOrder m_tickets;
    QString m_problem; // why the venue's name could not be read, if it could not
};

} // namespace foyer::gui
