#pragma once

#include "SyncStatus.h"

#include <QToolButton>

namespace foyer::gui {

// The status bar's sync line: online or offline, what is waiting, when it last synced; red when something needs
// attention or sync is failing. Clicking it (or Enter on it) opens the sync panel.
class SyncStatusIndicator : public QToolButton
{
    Q_OBJECT
public:
    explicit SyncStatusIndicator(QWidget* parent = nullptr);

    void showStatus(const sync::SyncStatus& status);
    const sync::SyncStatus& status() const { return m_status; }

private:
    sync::SyncStatus m_status;
};

} // namespace foyer::gui
