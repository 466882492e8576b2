#include "RecurringSection.h"

#include "CancelRecurringDialog.h"
#include "Clock.h"
#include "MoneyText.h"
#include "ui_RecurringSection.h"

#include <QLocale>

namespace foyer::gui {

RecurringSection::RecurringSection(const ProfileServices& services, const QString& patronId, QWidget* parent)
    : ProfileSection(services, patronId, QStringLiteral("recurringPage"), tr("&Monthly donations"), parent)
    , m_ui(std::make_unique<Ui::RecurringSection>())
{
    m_ui->setupUi(content());
    m_ui->recurringMessage->hide();
    connect(m_ui->cancelRecurringButton, &QPushButton::clicked, this,
            &RecurringSection::cancelSelectedRecurringDonation);
    connect(m_ui->managementLinkButton, &QPushButton::clicked, this, &RecurringSection::emailManagementLink);
}

RecurringSection::~RecurringSection() = default;

void RecurringSection::load()
{
    QString error;
    m_recurring = m_repos->activity.recurringDonations(m_patronId, &error);
    if (showReadProblem(error)) {
        m_recurring.clear();
        m_ui->recurringTable->setRowCount(0);
        return;
    }
    QList<QStringList> rows;
    const QDate today = core::Clock::today();
    for (const auto& r : std::as_const(m_recurring)) {
        const QDate next = r.nextChargeDate(today);
        rows.append({MoneyText::amount(r.amountMinor), r.frequency,
                     r.termMonths > 0 ? tr("%n month(s)", nullptr, r.termMonths) : tr("Until cancelled"),
                     next.isValid() ? QLocale().toString(next, QLocale::ShortFormat) : MoneyText::orDash(QString()),
                     r.status, MoneyText::orDash(r.cancelReason), MoneyText::orDash(r.fundName)});
    }
    fillTable(
        m_ui->recurringTable,
        {tr("Amount"), tr("Frequency"), tr("Term"), tr("Next date"), tr("Status"), tr("Cancel reason"), tr("Fund")},
        rows);
}

void RecurringSection::cancelSelectedRecurringDonation()
{
    const int row = m_ui->recurringTable->currentRow();
    if (row < 0 || row >= m_recurring.size())
        return;
    const core::RecurringDonation donation = m_recurring.at(row);
    if (donation.status != QLatin1String("active")) {
        m_ui->recurringMessage->setText(donation.cancelProblem(QStringLiteral("n/a")).isEmpty()
                                            ? tr("Only an active recurring donation can be cancelled.")
                                            : donation.cancelProblem(QStringLiteral("n/a")));
        m_ui->recurringMessage->show();
        return;
    }
    m_ui->recurringMessage->hide();
    auto* dialog = new CancelRecurringDialog(tr("%1 %2, started %3")
                                                 .arg(MoneyText::amount(donation.amountMinor), donation.frequency,
                                                      QLocale().toString(donation.startsOn, QLocale::ShortFormat)),
                                             this);
    dialog->setObjectName(QStringLiteral("cancelRecurringDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CancelRecurringDialog::cancelRequested, this, [this, dialog, id = donation.id] {
        QString error;
        if (!m_repos->activity.cancelRecurringDonation(id, dialog->reason(), m_services.actorId, &error)) {
            dialog->showProblem(error);
            return;
        }
        dialog->accept();
        emit changed();
    });
    dialog->open();
}

void RecurringSection::emailManagementLink()
{
    const int row = m_ui->recurringTable->currentRow();
    if (row < 0 || row >= m_recurring.size())
        return;
    QString error;
    if (!m_repos->activity.queueManagementLink(m_recurring.at(row).id, m_services.actorId, &error)) {
        m_ui->recurringMessage->setText(error);
        m_ui->recurringMessage->setStyleSheet(QStringLiteral("color: #a40000;"));
    } else {
        m_ui->recurringMessage->setText(
            tr("Management link queued to %1; it goes out with the next sync.").arg(m_patronEmail));
        m_ui->recurringMessage->setStyleSheet(QString());
        emit changed();
    }
    m_ui->recurringMessage->show();
}

} // namespace foyer::gui
