#pragma once

#include "SyncStatus.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTableWidget;

namespace foyer::storage {
class SyncOutbox;
}

namespace foyer::gui {

// The sync panel: how sync stands, and every operation the server refused with its reason (a seat another window
// sold first, a member credit already spent), so that nothing refused is ever dropped without staff seeing it.
class SyncPanelDialog : public QDialog
{
    Q_OBJECT
public:
    SyncPanelDialog(storage::SyncOutbox* outbox, QWidget* parent = nullptr);

    void showStatus(const sync::SyncStatus& status);
    // Reads the refused operations again; false (with the reason shown in the panel) when they cannot be read.
    bool reload();

signals:
    void syncNowRequested();

private:
    storage::SyncOutbox* m_outbox;
    QLabel* m_statusLabel;
    QLabel* m_problemLabel;
    QTableWidget* m_refusedTable;
    QPushButton* m_syncNowButton;
};

} // namespace foyer::gui
