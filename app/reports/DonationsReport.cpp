#include "DonationsReport.h"

#include "Clock.h"
#include "DonationVisibility.h"
#include "MoneyFormat.h"

#include <QHash>
#include <QLocale>
#include <QMap>

namespace foyer::reports {

ReportDocument DonationsReport::build(const QList<storage::ReportRepository::DonationRow>& donations,
                                      const QList<storage::ReportRepository::RecurringRow>& recurring,
                                      const QDate& from, const QDate& to, bool listEveryDonation)
{
    const QLocale locale;
    ReportDocument report;
    report.title = tr("Donations");
    report.parameters = {
        tr("From %1 to %2")
            .arg(locale.toString(from, QLocale::ShortFormat), locale.toString(to, QLocale::ShortFormat))};
    // Only what counts as complete (DonationVisibility, the rule the profile's "total donated" follows) is added up:
    // declined, cancelled and written-off gifts are listed and shown apart, never added into a total.
    QMap<QString, std::pair<int, qint64>> byStatus;
    QMap<QString, bool> statusCounts; // status -> counted in the total (a custom status: by each gift's probability)
    QMap<QString, std::pair<int, qint64>> notCounted;
    QMap<QString, qint64> byFund;
    QHash<QString, qint64> byDonor;
    QMap<QDate, qint64> byMonth;
    QMap<QString, std::pair<QDateTime, qint64>> firstTimers; // donor -> first gift in the range, total in the range
    qint64 total = 0;
    int counted = 0;
    ReportDocument::Section detail;
    detail.heading = tr("Every donation");
    detail.columns = {tr("Date"), tr("Patron #"), tr("Patron"), tr("Fund"), tr("Status"), tr("Amount")};
    detail.rightAligned = {false, true, false, false, false, true};
    detail.rows.reserve(donations.size());
    for (const auto& d : donations) {
        auto& status = byStatus[d.status];
        ++status.first;
        status.second += d.amountMinor;
        const QDate local = core::Clock::venueDate(d.at);
        detail.rows.append({locale.toString(local, QLocale::ShortFormat), QString::number(d.patronNumber), d.patronName,
                            d.fund, d.status, core::MoneyFormat::amount(d.amountMinor)});
        const bool complete = core::DonationVisibility::countsAsComplete(d.status, d.probabilityPercent);
        statusCounts[d.status] = statusCounts.value(d.status) || complete;
        if (!complete) {
            auto& apart = notCounted[d.status];
            ++apart.first;
            apart.second += d.amountMinor;
            continue;
        }
        ++counted;
        byFund[d.fund.isEmpty() ? tr("(no fund)") : d.fund] += d.amountMinor;
        byDonor[QStringLiteral("%1 (#%2)").arg(d.patronName).arg(d.patronNumber)] += d.amountMinor;
        total += d.amountMinor;
        byMonth[QDate(local.year(), local.month(), 1)] += d.amountMinor;
        if (d.firstTimeDonor) {
            auto& first = firstTimers[QStringLiteral("%1 (#%2)").arg(d.patronName).arg(d.patronNumber)];
            if (!first.first.isValid())
                first.first = d.at;
            first.second += d.amountMinor;
        }
    }
    const QString totalLabel = tr("Total counted as complete");
    detail.totals = {totalLabel, QString(), tr("%n donation(s)", nullptr, counted),
                     QString(),  QString(), core::MoneyFormat::amount(total)};

    ReportDocument::Section statuses;
    statuses.heading = tr("By status");
    statuses.columns = {tr("Status"), tr("Counts as complete"), tr("Donations"), tr("Amount")};
    statuses.rightAligned = {false, false, true, true};
    for (auto it = byStatus.cbegin(); it != byStatus.cend(); ++it)
        statuses.rows.append(
            {it.key(),
             !core::DonationVisibility::isStandardStatus(it.key())
                 ? tr("if %1% likely or more").arg(core::DonationVisibility::CustomStatusThresholdPercent)
             : statusCounts.value(it.key()) ? tr("yes")
                                            : tr("no"),
             QString::number(it.value().first), core::MoneyFormat::amount(it.value().second)});
    statuses.totals = {totalLabel, QString(), QString::number(counted), core::MoneyFormat::amount(total)};

    // Shown apart from the total, with their own sum, so nobody adds them in by reading down a column.
    ReportDocument::Section apart;
    apart.heading = tr("Not counted: declined, cancelled, written off or refunded");
    apart.columns = {tr("Status"), tr("Donations"), tr("Amount")};
    apart.rightAligned = {false, true, true};
    apart.emptyText = tr("None: every donation in the range counts as complete.");
    qint64 apartTotal = 0;
    int apartCount = 0;
    for (auto it = notCounted.cbegin(); it != notCounted.cend(); ++it) {
        apart.rows.append({it.key(), QString::number(it.value().first), core::MoneyFormat::amount(it.value().second)});
        apartTotal += it.value().second;
        apartCount += it.value().first;
    }
    if (!notCounted.isEmpty())
        apart.totals = {tr("Not counted, not in any total"), QString::number(apartCount),
                        core::MoneyFormat::amount(apartTotal)};

    ReportDocument::Section funds;
    funds.heading = tr("By fund");
    funds.columns = {tr("Fund"), tr("Amount")};
    funds.rightAligned = {false, true};
    for (auto it = byFund.cbegin(); it != byFund.cend(); ++it)
        funds.rows.append({it.key(), core::MoneyFormat::amount(it.value())});

    ReportDocument::Section top;
    top.heading = tr("Top donors");
    top.columns = {tr("Patron"), tr("Amount")};
    top.rightAligned = {false, true};
    QList<std::pair<qint64, QString>> donors;
    for (auto it = byDonor.cbegin(); it != byDonor.cend(); ++it)
        donors.append({it.value(), it.key()});
    std::sort(donors.begin(), donors.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    for (qsizetype i = 0; i < std::min<qsizetype>(10, donors.size()); ++i)
        top.rows.append({donors.at(i).second, core::MoneyFormat::amount(donors.at(i).first)});

    ReportDocument::Section monthly;
    monthly.heading = tr("Recurring donations");
    monthly.columns = {tr("Patron"), tr("Amount"), tr("Frequency"), tr("Status"), tr("Cancel reason")};
    monthly.rightAligned = {false, true, false, false, false};
    for (const auto& r : recurring)
        monthly.rows.append(
            {r.patronName, core::MoneyFormat::amount(r.amountMinor), r.frequency, r.status, r.cancelReason});

    ReportDocument::Section months;
    months.heading = tr("By month");
    months.columns = {tr("Month"), tr("Amount")};
    months.rightAligned = {false, true};
    for (auto it = byMonth.cbegin(); it != byMonth.cend(); ++it) {
        const QString month = locale.toString(it.key(), QStringLiteral("MMM yyyy"));
        months.rows.append({month, core::MoneyFormat::amount(it.value())});
        months.bars.append({month, it.value()});
    }

    ReportDocument::Section firstTime;
    firstTime.heading = tr("First-time donors");
    firstTime.columns = {tr("Patron"), tr("First gift"), tr("Given in the range")};
    firstTime.rightAligned = {false, false, true};
    for (auto it = firstTimers.cbegin(); it != firstTimers.cend(); ++it)
        firstTime.rows.append({it.key(),
                               locale.toString(core::Clock::venueDate(it.value().first), QLocale::ShortFormat),
                               core::MoneyFormat::amount(it.value().second)});
    firstTime.totals = {tr("Total"), tr("%n first-time donor(s)", nullptr, int(firstTimers.size())), QString()};

    report.sections = {statuses, apart, months, funds, top, firstTime, monthly, detail};
    if (!listEveryDonation)
        report.csvOnlySections = {detail.heading};
    return report;
}

} // namespace foyer::reports
