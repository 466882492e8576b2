#pragma once

#include <QDialog>
#include <memory>

namespace Ui {
class ChangeRequestDialog;
}

namespace foyer::gui {

// TicketStage's "Change closed order request": what should change on a confirmed order, why, and who asked.
class ChangeRequestDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ChangeRequestDialog(const QString& requestedBy, QWidget* parent = nullptr);
    ~ChangeRequestDialog() override;

    QString whatShouldChange() const;
    QString reason() const;
    QString requestedBy() const;
    void showProblem(const QString& message);

signals:
    void saveRequested();

private:
    std::unique_ptr<Ui::ChangeRequestDialog> m_ui;
};

} // namespace foyer::gui
