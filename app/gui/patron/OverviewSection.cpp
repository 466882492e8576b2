#include "OverviewSection.h"

#include "Clock.h"
#include "MoneyText.h"
#include "RelationshipDialog.h"
#include "ui_OverviewSection.h"

#include <QLocale>

namespace foyer::gui {

OverviewSection::OverviewSection(const ProfileServices& services, const QString& patronId, QWidget* parent)
    : ProfileSection(services, patronId, QStringLiteral("overviewPage"), tr("O&verview"), parent)
    , m_ui(std::make_unique<Ui::OverviewSection>())
{
    m_ui->setupUi(content());
    m_ui->noteMessage->hide();
    connect(m_ui->addNoteButton, &QPushButton::clicked, this, &OverviewSection::addNote);
    connect(m_ui->newNoteField, &QLineEdit::returnPressed, this, &OverviewSection::addNote);
    connect(m_ui->addRelationshipButton, &QPushButton::clicked, this, &OverviewSection::addRelationship);
}

OverviewSection::~OverviewSection() = default;

void OverviewSection::setOrigin(const QDateTime& createdAt, const QString& source)
{
    m_createdAt = createdAt;
    m_source = source;
}

void OverviewSection::load()
{
    QString error;
    const QList<core::OrderSummary> orders = m_repos->activity.orders(m_patronId, &error);
    QList<core::DonationRecord> donations;
    QList<core::RecurringDonation> recurring;
    if (error.isEmpty())
        donations = m_repos->activity.donations(m_patronId, &error);
    if (error.isEmpty())
        recurring = m_repos->activity.recurringDonations(m_patronId, &error);
    if (error.isEmpty()) {
        const core::PatronOverview overview = core::PatronOverview::compute(orders, donations, recurring);
        fillFigures(overview);
        error = fillEngagement(overview);
        if (error.isEmpty())
            error = fillRelationships();
    }
    if (showReadProblem(error))
        m_ui->relationshipsList->clear();
}

void OverviewSection::fillFigures(const core::PatronOverview& overview)
{
    const QStringList labels = {tr("Tickets"), tr("Collections"), tr("Classes"),
                                tr("Passes"),  tr("Add-ons"),     tr("Donations")};
    QList<SpendingChart::Bar> bars;
    const QStringList buckets = core::PatronOverview::buckets();
    for (int i = 0; i < buckets.size(); ++i)
        bars.append({labels.value(i), overview.spendingMinor.value(buckets.at(i))});
    m_ui->spendingChart->setBars(bars);
    m_ui->spendingGroup->setTitle(tr("Spending: %1 in all").arg(MoneyText::amount(overview.totalSpentMinor)));
    m_ui->firstSeenValue->setText(
        tr("%1 (%2)").arg(QLocale().toString(core::Clock::venueDate(m_createdAt), QLocale::ShortFormat),
                          QString(m_source).replace(u'_', u' ')));
    m_ui->firstTransactionValue->setText(overview.firstTransaction.isValid()
                                             ? MoneyText::localTime(overview.firstTransaction)
                                             : MoneyText::orDash(QString()));
    m_ui->lastTransactionValue->setText(overview.lastTransaction.isValid()
                                            ? MoneyText::localTime(overview.lastTransaction)
                                            : MoneyText::orDash(QString()));
    m_ui->donatedValue->setText(MoneyText::amount(overview.donatedMinor));
    m_ui->recurringDonorValue->setText(overview.recurringDonor ? tr("Yes") : tr("No"));
    m_ui->itemsValue->setText(QLocale().toString(overview.itemsPurchased));
}

QString OverviewSection::fillEngagement(const core::PatronOverview& overview)
{
    QString error;
    const core::PatronEngagement engagement = m_repos->engagement.engagement(m_patronId, &error);
    if (!error.isEmpty())
        return error;
    const QDate today = core::Clock::today();
    // Active memberships first; lapsed and renewed ones stay visible below, greyed; past due in red.
    QStringList active, lapsed;
    for (const core::Membership& membership : engagement.memberships) {
        const QString line = tr("<b>%1</b> %2<br>%3")
                                 .arg(membership.levelName.toHtmlEscaped(), membership.membershipNumber.toHtmlEscaped(),
                                      membership.statusText(today).toHtmlEscaped());
        if (!membership.isActive(today))
            lapsed.append(QStringLiteral("<span style=\"color: gray;\">%1</span>").arg(line));
        else if (membership.state(today) == core::Membership::State::PastDue)
            active.append(QStringLiteral("<span style=\"color: #a40000;\">%1</span>").arg(line));
        else
            active.append(line);
    }
    m_ui->membershipsValue->setText(engagement.memberships.isEmpty() ? tr("No memberships")
                                                                     : (active + lapsed).join(QStringLiteral("<br>")));
    if (engagement.householdMembers.size() > 1) {
        // The household's combined spending counts every member's orders the same way as this patron's own.
        qint64 combined = overview.totalSpentMinor;
        QStringList others;
        for (const core::HouseholdMember& member : engagement.householdMembers) {
            if (member.patronId == m_patronId)
                continue;
            others.append(member.displayName);
            const QList<core::OrderSummary> theirs = m_repos->activity.orders(member.patronId, &error);
            if (!error.isEmpty())
                return error;
            combined += core::PatronOverview::compute(theirs, {}, {}).totalSpentMinor;
        }
        m_ui->householdSpendingValue->setText(
            tr("%1 with %2").arg(MoneyText::amount(combined), others.join(QStringLiteral(", "))));
    } else {
        m_ui->householdSpendingValue->setText(tr("Not in a household"));
    }
    m_ui->mailingListsValue->setText(
        engagement.mailingLists.isEmpty() ? tr("None") : engagement.mailingLists.join(QStringLiteral(", ")));
    QStringList needs;
    for (const core::AccessibilityNeed& need : engagement.accessibility)
        needs.append(need.details.isEmpty() ? need.need : tr("%1 (%2)").arg(need.need, need.details));
    m_ui->accessibilityValue->setText(needs.isEmpty() ? tr("None recorded") : needs.join(u'\n'));
    QStringList forms;
    for (const core::FormSubmission& form : engagement.formSubmissions)
        forms.append(tr("%1, %2").arg(form.formName, MoneyText::localDate(core::Clock::venueDate(form.submittedAt))));
    m_ui->formsValue->setText(forms.isEmpty() ? tr("None") : forms.join(u'\n'));
    m_ui->formsValue->setToolTip(
        engagement.formSubmissions.isEmpty() ? QString() : engagement.formSubmissions.constFirst().answers);
    return {};
}

QString OverviewSection::fillRelationships()
{
    QString error;
    const QList<core::Relationship> relationships = m_repos->details.relationships(m_patronId, &error);
    m_ui->relationshipsList->clear();
    for (const core::Relationship& relationship : relationships)
        m_ui->relationshipsList->addItem(tr("%1 of %2").arg(relationship.type, relationship.otherName));
    return error;
}

void OverviewSection::refreshNotes()
{
    // One query feeds both the pop-up banner (seen from every section) and the overview's list.
    QString error;
    const QList<core::PatronNote> notes = m_repos->activity.notes(m_patronId, &error);
    m_ui->notesList->clear();
    if (!error.isEmpty()) {
        m_ui->notesList->addItem(tr("Notes could not be read: %1").arg(error));
        emit popUpNotesChanged({}, error);
        return;
    }
    QStringList popUps;
    for (const core::PatronNote& note : notes) {
        m_ui->notesList->addItem(tr("%1 \u2014 %2, %3%4")
                                     .arg(note.body, MoneyText::orDash(note.authorName),
                                          MoneyText::localTime(note.createdAt),
                                          note.popUp ? tr(" (pops up)") : QString()));
        if (note.popUp)
            popUps.append(note.body.toHtmlEscaped());
    }
    emit popUpNotesChanged(popUps, QString());
}

void OverviewSection::addNote()
{
    QString error;
    if (!m_repos->activity.addNote(m_patronId, m_ui->newNoteField->text(), m_ui->popUpCheck->isChecked(),
                                   m_services.actorId, &error)) {
        m_ui->noteMessage->setText(error);
        m_ui->noteMessage->setStyleSheet(QStringLiteral("color: #a40000;"));
        m_ui->noteMessage->show();
        m_ui->newNoteField->setFocus();
        return;
    }
    m_ui->noteMessage->hide();
    m_ui->newNoteField->clear();
    m_ui->popUpCheck->setChecked(false);
    emit changed();
    refreshNotes();
}

void OverviewSection::addRelationship()
{
    auto* dialog = new RelationshipDialog(&m_repos->search, this);
    dialog->setObjectName(QStringLiteral("relationshipDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RelationshipDialog::saveRequested, this, [this, dialog] {
        QString error;
        if (!m_repos->details.addRelationship(m_patronId, dialog->otherPatronId(), dialog->type(), m_services.actorId,
                                              &error)) {
            dialog->showProblem(error);
            return;
        }
        dialog->accept();
        showReadProblem(fillRelationships());
    });
    dialog->open();
}

} // namespace foyer::gui
