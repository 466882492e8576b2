#include "OrderTickets.h"

#include "Clock.h"
#include "SecureBuffer.h"
#include "TicketSigner.h"

#include <QPrintDialog>
#include <QPrinter>

namespace foyer::gui {

OrderTickets::OrderTickets(storage::Repositories* repos, const core::OrderDraft& order, const QString& patronName,
                           const QList<storage::VenueRepository::Performance>& performances)
    : m_repos(repos)
{
    m_tickets.venueName = repos->settings.value(QString::fromLatin1(storage::SettingsRepository::VenueName),
                                                tr("Box office"), &m_problem);
    m_tickets.confirmationNumber = order.confirmationNumber;
    m_tickets.patronName = patronName;
    m_tickets.orderedAt = core::Clock::currentDateTimeUtc();
    for (const core::OrderLineDraft& line : order.lines) {
        QString hall;
        for (const auto& p : performances)
            if (p.id == line.performanceId)
                hall = p.hallName;
        m_tickets.tickets.append({line.id, line.showTitle, line.performanceAt, hall, line.seatLabel, line.priceTypeName,
                                  line.priceMinor(), line.payType});
    }
    const auto totals = order.totalsByPayType();
    for (auto it = totals.cbegin(); it != totals.cend(); ++it)
        if (it.value() > 0)
            m_tickets.paidByPayType.insert(it.key(), it.value());
    m_tickets.totalMinor = order.totalMinor();
}

security::TicketSigner OrderTickets::signer(storage::Repositories* repos, QString* error)
{
    QString hex = repos->settings.secret(
        QString::fromLatin1(storage::SettingsRepository::TicketSigningKey),
        [] { return security::TicketSigner::generateSecretKeyHex(); }, error);
    security::TicketSigner signer(hex);
    core::SecureBuffer::wipe(hex);
    // A registered workstation's key is certified by the venue: FOYER2 tickets that any door scanner with the
    // venue's public key checks, printed offline too. Standalone (no certificate), the key signs alone (FOYER1).
    QString problem;
    const QString certificate =
        repos->settings.value(QString::fromLatin1(storage::SettingsRepository::TicketCertificate), QString(), &problem);
    if (!problem.isEmpty()) {
        if (error && error->isEmpty())
            *error = problem;
        return signer;
    }
    if (!certificate.isEmpty() && !signer.useCertificate(certificate) && error && error->isEmpty() && signer.isValid())
        *error = tr("The venue's certificate of this workstation's ticket key is not for its key: register the "
                    "workstation again.");
    return signer;
}

bool OrderTickets::writePdf(const QString& path, QString* error) const
{
    // Tickets that name the wrong venue are not written.
    QString problem = m_problem;
    const security::TicketSigner ticketSigner =
        problem.isEmpty() ? signer(m_repos, &problem) : security::TicketSigner(QStringView());
    if (!problem.isEmpty()) {
        if (error)
            *error = tr("The tickets could not be signed: %1").arg(problem);
        return false;
    }
    return reports::TicketDocument::writePdf(path, m_tickets, ticketSigner);
}

void OrderTickets::print(QWidget* parent, const std::function<void(const QString&)>& onProblem) const
{
    if (!m_problem.isEmpty()) {
        if (onProblem)
            onProblem(tr("The tickets could not be printed: %1").arg(m_problem));
        return;
    }
    auto* printer = new QPrinter(QPrinter::HighResolution);
    printer->setPageSize(QPageSize(QPageSize::A6));
    printer->setPageOrientation(QPageLayout::Landscape);
    printer->setDocName(tr("Tickets %1").arg(m_tickets.confirmationNumber));
    auto* dialog = new QPrintDialog(printer, parent);
    dialog->setObjectName(QStringLiteral("printDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The printer outlives the dialog's accepted() handler: deleted with the dialog.
    QObject::connect(dialog, &QObject::destroyed, dialog, [printer] { delete printer; });
    QObject::connect(dialog, qOverload<QPrinter*>(&QPrintDialog::accepted), parent,
                     [repos = m_repos, tickets = m_tickets, onProblem](QPrinter* accepted) {
                         QString problem;
                         const security::TicketSigner ticketSigner = signer(repos, &problem);
                         if (!problem.isEmpty()) {
                             if (onProblem)
                                 onProblem(tr("The tickets could not be signed: %1").arg(problem));
                             return;
                         }
                         if (!reports::TicketDocument::render(accepted, tickets, ticketSigner) && onProblem)
                             onProblem(tr("The tickets could not be printed."));
                     });
    dialog->open();
}

} // namespace foyer::gui
