#pragma once

#include "SyncStatus.h"

#include <QCoreApplication>
#include <QString>

namespace foyer::gui {

// The words the status bar uses for sync, in the venue's time zone: "Online · synced 17:42 · nothing waiting",
// "Offline · 12 waiting · last synced 16:05", "Not syncing: the server's certificate has changed".
class SyncStatusText
{
    Q_DECLARE_TR_FUNCTIONS(foyer::gui::SyncStatusText)
public:
    static QString line(const sync::SyncStatus& status);
    static QString tooltip(const sync::SyncStatus& status);
};

} // namespace foyer::gui
