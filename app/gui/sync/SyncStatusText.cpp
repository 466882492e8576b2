#include "SyncStatusText.h"

#include "Clock.h"

#include <QLocale>

namespace foyer::gui {

namespace {

QString venueTime(const QDateTime& utc)
{
    const QDateTime atVenue = core::Clock::atVenue(utc);
    if (atVenue.date() == core::Clock::today())
        return QLocale().toString(atVenue.time(), QLocale::ShortFormat);
    return QLocale().toString(atVenue, QLocale::ShortFormat);
}

} // namespace

QString SyncStatusText::line(const sync::SyncStatus& status)
{
    if (!status.configured)
        return tr("Not connected to a venue server");
    QStringList parts;
    if (status.syncing && status.pullTotal > 0 && status.pulledSoFar < status.pullTotal)
        parts
            << tr("Syncing %1 of %2").arg(QLocale().toString(status.pulledSoFar), QLocale().toString(status.pullTotal));
    else if (status.syncing)
        parts << tr("Syncing");
    else
        parts << (status.online ? tr("Online") : tr("Offline"));
    if (status.waiting < 0)
        parts << tr("waiting changes unknown");
    else if (status.waiting == 0)
        parts << tr("nothing waiting");
    else
        parts << tr("%n waiting", nullptr, status.waiting);
    if (status.refused > 0)
        parts << tr("%n need attention", nullptr, status.refused);
    parts << (status.lastSyncUtc.isValid() ? tr("synced %1").arg(venueTime(status.lastSyncUtc)) : tr("never synced"));
    return parts.join(QStringLiteral(" · "));
}

QString SyncStatusText::tooltip(const sync::SyncStatus& status)
{
    QString text = line(status);
    if (!status.problem.isEmpty())
        text += QStringLiteral("\n") + status.problem;
    text += QStringLiteral("\n") + tr("Click to open the sync panel.");
    return text;
}

} // namespace foyer::gui
