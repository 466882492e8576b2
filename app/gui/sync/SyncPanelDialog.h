#pragma once

#include "StaffMember.h"
#include "SyncStatus.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTableWidget;

namespace foyer::storage {
struct Repositories;
}

namespace foyer::gui {

// The sync panel: how sync stands, and every operation the server refused with its reason (a seat another window
// sold first, a member credit already spent), so that nothing refused is ever dropped without staff seeing it. Staff
// resolve a refused order here: "Change seats or pay types..." opens the order in the order editor (saving it there
// sends the order again, changed, and resolves the refusal), "Cancel the order..." voids it and sends it so; both
// through the order's own rules, in one transaction with the resolution (storage::SyncResolution).
class SyncPanelDialog : public QDialog
{
    Q_OBJECT
public:
    SyncPanelDialog(storage::Repositories* repos, QWidget* parent = nullptr);

    // Who resolves (the resolution's staff; the order editor's actor).
    void setStaff(const core::StaffMember& staff) { m_staff = staff; }
    void showStatus(const sync::SyncStatus& status);
    // Reads the refused operations again; false (with the reason shown in the panel) when they cannot be read.
    bool reload();
    // The resolve actions on the selected refused operation (the buttons call these).
    void changeSelectedOrder();
    void cancelSelectedOrder();

signals:
    void syncNowRequested();
    // A refusal was resolved: the status line's count changes, and a sync carries the resolution.
    void resolved();

private:
    struct Selected
    {
        QString orderId;
        QStringList operationIds; // every unresolved refusal of that order
        QString reason;
    };
    // The selected row's order and its refusals; false (why shown) when the row wrote no order or cannot be read.
    bool selectedOrder(Selected* selected);
    void updateActions();
    void showProblem(const QString& message);

    storage::Repositories* m_repos;
    core::StaffMember m_staff;
    QLabel* m_statusLabel;
    QLabel* m_problemLabel;
    QTableWidget* m_refusedTable;
    QPushButton* m_changeButton;
    QPushButton* m_cancelButton;
    QPushButton* m_syncNowButton;
};

} // namespace foyer::gui
