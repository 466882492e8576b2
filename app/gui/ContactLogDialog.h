#pragma once

#include "PatronActivity.h"

#include <QDialog>
#include <memory>

namespace Ui {
class ContactLogDialog;
}

namespace foyer::gui {

// Logs a call, meeting, visit, email or gift with a patron (date and time start at now), or edits one.
// The caller saves; an email entry is never offered for editing.
class ContactLogDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ContactLogDialog(const core::ContactLog& log, QWidget* parent = nullptr);
    ~ContactLogDialog() override;

    core::ContactLog log() const;
    void showProblem(const QString& message);

signals:
    void saveRequested();

private:
    std::unique_ptr<Ui::ContactLogDialog> m_ui;
    core::ContactLog m_log;
};

} // namespace foyer::gui
