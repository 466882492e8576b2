#pragma once

#include "SignInDialog.h"
#include "StaffMember.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace foyer::gui {

// Covers the whole main window while it is locked: an opaque page with only the unlock form on it, so no patron
// data shows, and Tab cycles within it. The signed-in staff member's password unlocks; another staff member's
// (user name changed) switches to them. The check is the sign-in's own (online first, the local verifier offline,
// the server's lockout rules), so a wrong password is refused in the sign-in's words.
class LockScreen : public QWidget
{
    Q_OBJECT
public:
    LockScreen(SignInDialog::SignInCheck check, QWidget* parent);

    // Shown over the parent for this staff member: user name filled in, password empty and focused.
    void lockFor(const core::StaffMember& staff);
    void showProblem(const QString& message);

signals:
    // The member whose password was accepted: the same staff member, or another one (a switch of user).
    void unlocked(const core::StaffMember& member);

protected:
    bool focusNextPrevChild(bool next) override;
    bool eventFilter(QObject* watched, QEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void submit();

    SignInDialog::SignInCheck m_check;
    QLabel* m_title;
    QLabel* m_who;
    QLineEdit* m_username;
    QLineEdit* m_password;
    QLabel* m_problem;
    QPushButton* m_unlock;
};

} // namespace foyer::gui
