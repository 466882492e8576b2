#pragma once

#include "TaskRepository.h"

#include <QDialog>
#include <memory>

namespace Ui {
class MyTasksDialog;
}

namespace foyer::gui {

// The signed-in staff member's open tasks, soonest due first, overdue ones marked. Enter (or Open patron) asks the
// main window to open the task's patron; Mark done asks for the outcome.
class MyTasksDialog : public QDialog
{
    Q_OBJECT
public:
    MyTasksDialog(storage::TaskRepository* tasks, const QString& staffId, QWidget* parent = nullptr);
    ~MyTasksDialog() override;

    void reload();
    int openCount() const { return int(m_tasks.size()); }

signals:
    void openPatronRequested(const QString& patronId);
    void tasksChanged();

private:
    void markSelectedDone();

    std::unique_ptr<Ui::MyTasksDialog> m_ui;
    storage::TaskRepository* m_repository;
    QString m_staffId;
    QList<core::PatronTask> m_tasks;
};

} // namespace foyer::gui
