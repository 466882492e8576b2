#pragma once

#include "PatronTask.h"
#include "StaffMember.h"

#include <QDialog>
#include <memory>

namespace Ui {
class TaskDialog;
}

namespace foyer::gui {

// A new task for the open patron: what, for whom, by when. The caller saves and shows a refusal here.
class TaskDialog : public QDialog
{
    Q_OBJECT
public:
    TaskDialog(const QList<core::StaffMember>& staff, const QString& defaultAssigneeId, QWidget* parent = nullptr);
    ~TaskDialog() override;

    core::PatronTask task() const; // without patron and id
    void showProblem(const QString& message);

signals:
    void saveRequested();

private:
    std::unique_ptr<Ui::TaskDialog> m_ui;
};

} // namespace foyer::gui
