#pragma once

#include <QDialog>
#include <memory>

namespace Ui {
class CancelRecurringDialog;
}

namespace foyer::gui {

// Asks why a recurring donation is cancelled; the caller saves and shows a refusal here.
class CancelRecurringDialog : public QDialog
{
    Q_OBJECT
public:
    explicit CancelRecurringDialog(const QString& summary, QWidget* parent = nullptr);
    ~CancelRecurringDialog() override;

    QString reason() const;
    void showProblem(const QString& message);

signals:
    void cancelRequested();

private:
    std::unique_ptr<Ui::CancelRecurringDialog> m_ui;
};

} // namespace foyer::gui
