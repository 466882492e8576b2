#pragma once

#include "SecureBuffer.h"
#include "StaffAdministrationClient.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;

namespace foyer::gui {

// A new staff account: username, name, email, role and a first password typed twice. Refuses at the field what
// the server would refuse (empty username, a space in it, a password under ten characters, passwords that differ).
class StaffAccountForm : public QDialog
{
    Q_OBJECT
public:
    explicit StaffAccountForm(QWidget* parent = nullptr);

    sync::StaffAdministrationClient::Account account() const;
    core::SecureBuffer password() const;

    void accept() override;

private:
    QLineEdit* m_username;
    QLineEdit* m_displayName;
    QLineEdit* m_email;
    QComboBox* m_role;
    QLineEdit* m_password;
    QLineEdit* m_repeat;
    QLabel* m_problem;
};

} // namespace foyer::gui
