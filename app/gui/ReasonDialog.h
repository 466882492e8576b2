#pragma once

#include <QDialog>
#include <memory>

namespace Ui {
class ReasonDialog;
}

namespace foyer::gui {

// Asks why before something is undone (a refund, a void); the caller saves and shows a refusal here.
class ReasonDialog : public QDialog
{
    Q_OBJECT
public:
    ReasonDialog(const QString& title, const QString& summary, const QString& confirmText, QWidget* parent = nullptr);
    ~ReasonDialog() override;

    QString reason() const;
    void showProblem(const QString& message);

signals:
    void confirmed();

private:
    std::unique_ptr<Ui::ReasonDialog> m_ui;
};

} // namespace foyer::gui
