#pragma once

#include "SecureBuffer.h"
#include "StaffMember.h"

#include <QDialog>
#include <functional>
#include <memory>
#include <optional>

namespace Ui {
class SignInDialog;
}

namespace foyer::gui {

// The staff sign-in the app opens on. On a workstation without accounts it creates the first administrator.
// The checks themselves are callbacks into the startup layer (StaffSignIn), so no widget sees a password hash.
class SignInDialog : public QDialog
{
    Q_OBJECT
public:
    // The password reaches the checks as UTF-8 in locked memory; the fields are cleared as soon as it is taken.
    using SignInCheck = std::function<std::optional<core::StaffMember>(
        const QString& username, const core::SecureBuffer& password, QString* error)>;
    using AccountCreation =
        std::function<bool(const core::StaffMember& member, const core::SecureBuffer& password, QString* error)>;

    SignInDialog(bool firstAccount, SignInCheck signIn, AccountCreation createAccount, QWidget* parent = nullptr);
    ~SignInDialog() override;

    std::optional<core::StaffMember> member() const { return m_member; }

private:
    void submit();
    void showProblem(const QString& message);

    std::unique_ptr<Ui::SignInDialog> m_ui;
    bool m_firstAccount;
    SignInCheck m_signIn;
    AccountCreation m_createAccount;
    std::optional<core::StaffMember> m_member;
};

} // namespace foyer::gui
