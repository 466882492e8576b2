#include "PatronSheetReport.h"

#include "Clock.h"
#include "ContactKind.h"
#include "MoneyFormat.h"
#include "OrderStatus.h"

#include <QLocale>

namespace foyer::reports {

namespace {

QString day(const QDateTime& utc)
{
    return QLocale().toString(core::Clock::venueDate(utc), QLocale::ShortFormat);
}

} // namespace

ReportDocument PatronSheetReport::build(const Input& input)
{
    const core::Patron& patron = input.profile.patron;
    ReportDocument report;
    report.title = tr("Patron profile: %1").arg(patron.displayName());
    report.parameters = {tr("Patron #%1").arg(patron.patronNumber)};

    ReportDocument::Section details;
    details.heading = tr("Details");
    details.columns = {tr("Field"), tr("Value")};
    details.rightAligned = {false, false};
    auto add = [&details](const QString& field, const QString& value) {
        if (!value.trimmed().isEmpty())
            details.rows.append({field, value});
    };
    add(tr("Name"), patron.fullName());
    add(tr("Pronouns"), patron.pronouns);
    add(tr("Organisation"), patron.organisation);
    for (const core::ContactPoint& email : input.profile.emails)
        add(email.isPrimary ? tr("Email") : tr("Other email"), email.value);
    for (const core::ContactPoint& phone : input.profile.phones)
        add(phone.isPrimary ? tr("Phone") : tr("Other phone"), phone.value);
    if (!input.profile.addresses.isEmpty())
        add(tr("Address"), input.profile.addresses.constFirst().singleLine());
    add(tr("Prefers"), patron.preferredContactMethod);
    add(tr("Household"), input.profile.householdName);
    add(tr("Contact owner"), input.profile.contactOwnerName);
    add(tr("Tags"), input.profile.tags.join(QStringLiteral(", ")));
    add(tr("Patron since"), patron.createdAt.isValid() ? day(patron.createdAt) : QString());

    ReportDocument::Section memberships;
    memberships.heading = tr("Memberships");
    memberships.columns = {tr("Membership"), tr("Level"), tr("Status")};
    memberships.rightAligned = {false, false, false};
    memberships.emptyText = tr("No memberships.");
    for (const core::Membership& m : input.memberships)
        memberships.rows.append({m.membershipNumber, m.levelName, m.statusText(input.today)});

    ReportDocument::Section spending;
    spending.heading = tr("Spending");
    spending.columns = {tr("Kind"), tr("Amount")};
    spending.rightAligned = {false, true};
    const QStringList labels = {tr("Tickets"), tr("Collections"), tr("Classes"),
                                tr("Passes"),  tr("Add-ons"),     tr("Donations")};
    const QStringList buckets = core::PatronOverview::buckets();
    for (int i = 0; i < buckets.size(); ++i) {
        const qint64 amount = input.overview.spendingMinor.value(buckets.at(i));
        spending.rows.append({labels.value(i), core::MoneyFormat::amount(amount)});
        if (input.overview.totalSpentMinor > 0)
            spending.bars.append({labels.value(i), amount});
    }
    spending.rows.append({tr("Donations counted as complete"), core::MoneyFormat::amount(input.overview.donatedMinor)});
    spending.totals = {tr("Total spent"), core::MoneyFormat::amount(input.overview.totalSpentMinor)};

    ReportDocument::Section orders;
    orders.heading = tr("Recent orders");
    orders.columns = {tr("Date"), tr("Order"), tr("Kind"), tr("Status"), tr("Items"), tr("Total")};
    orders.rightAligned = {false, false, false, false, true, true};
    orders.emptyText = tr("No orders.");
    for (qsizetype i = 0; i < std::min<qsizetype>(RecentRows, input.orders.size()); ++i) {
        const core::OrderSummary& o = input.orders.at(i);
        orders.rows.append({day(o.createdAt), o.confirmationNumber, o.label(),
                            core::OrderStatus::staffLabel(o.internalStatus), QString::number(o.items),
                            core::MoneyFormat::amount(o.totalMinor)});
    }

    ReportDocument::Section contacts;
    contacts.heading = tr("Recent contact logs");
    contacts.columns = {tr("Date"), tr("Kind"), tr("Subject"), tr("Outcome"), tr("Staff")};
    contacts.rightAligned = {false, false, false, false, false};
    contacts.emptyText = tr("No contact logs.");
    for (qsizetype i = 0; i < std::min<qsizetype>(RecentRows, input.contactLogs.size()); ++i) {
        const core::ContactLog& c = input.contactLogs.at(i);
        contacts.rows.append({day(c.occurredAt), core::ContactKind::label(c.kind), c.subject, c.outcome, c.staffName});
    }

    ReportDocument::Section notes;
    notes.heading = tr("Notes");
    notes.columns = {tr("Date"), tr("By"), tr("Note")};
    notes.rightAligned = {false, false, false};
    notes.emptyText = tr("No notes.");
    for (qsizetype i = 0; i < std::min<qsizetype>(5, input.notes.size()); ++i)
        notes.rows.append(
            {day(input.notes.at(i).createdAt), input.notes.at(i).authorName, input.notes.at(i).body.simplified()});

    report.sections = {details, memberships, spending, orders, contacts, notes};
    return report;
}

} // namespace foyer::reports
