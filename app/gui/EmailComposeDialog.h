#pragma once

#include <QDialog>
#include <memory>

namespace Ui {
class EmailComposeDialog;
}

namespace foyer::gui {

// Writes an email to a patron from the signed-in staff member (From and Reply-To). Sending is the sync/server's job:
// the caller queues it in the outbox and logs it.
class EmailComposeDialog : public QDialog
{
    Q_OBJECT
public:
    EmailComposeDialog(const QString& from, const QString& to, QWidget* parent = nullptr);
    ~EmailComposeDialog() override;

    QString subject() const;
    QString body() const;
    void showProblem(const QString& message);

signals:
    void sendRequested();

private:
    std::unique_ptr<Ui::EmailComposeDialog> m_ui;
};

} // namespace foyer::gui
