#pragma once

#include <QDateTime>
#include <QString>

namespace foyer::sync {

// What the status bar shows about sync: reachable or not, how much is waiting, when it last finished.
struct SyncStatus
{
    bool configured = false; // registered with a venue server at all
    bool online = false;
    bool syncing = false;
    int waiting = -1; // operations not yet acknowledged; -1: could not be read
    int refused = 0;  // operations the server refused, waiting for staff in the sync panel
    QDateTime lastSyncUtc;
    QString problem; // why the last try failed, for staff; empty when it worked
    qint64 pulledSoFar = 0;
    qint64 pullTotal = 0;       // for a first sync's progress bar: changes pulled and still to pull
    qint64 pulledLastRound = 0; // changes the last finished round applied here: the window's counts are stale then
};

} // namespace foyer::sync

Q_DECLARE_METATYPE(foyer::sync::SyncStatus)
