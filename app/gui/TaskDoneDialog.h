#pragma once

#include <QDialog>
#include <memory>

namespace Ui {
class TaskDoneDialog;
}

namespace foyer::gui {

// Asks what came of a task before it is marked done; the caller saves and shows a refusal here.
class TaskDoneDialog : public QDialog
{
    Q_OBJECT
public:
    explicit TaskDoneDialog(const QString& taskSummary, QWidget* parent = nullptr);
    ~TaskDoneDialog() override;

    QString outcome() const;
    void showProblem(const QString& message);

signals:
    void doneRequested();

private:
    std::unique_ptr<Ui::TaskDoneDialog> m_ui;
};

} // namespace foyer::gui
