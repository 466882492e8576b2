#include "SignInDialog.h"

#include "ui_SignInDialog.h"

#include <QPushButton>

namespace foyer::gui {

SignInDialog::SignInDialog(bool firstAccount, SignInCheck signIn, AccountCreation createAccount, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SignInDialog>())
    , m_firstAccount(firstAccount)
    , m_signIn(std::move(signIn))
    , m_createAccount(std::move(createAccount))
{
    m_ui->setupUi(this);
    setAccessibleName(windowTitle());
    m_ui->problemLabel->hide();
    QPushButton* ok = m_ui->buttonBox->button(QDialogButtonBox::Ok);
    ok->setObjectName(QStringLiteral("signInButton"));
    if (firstAccount) {
        setWindowTitle(tr("Create the first staff account"));
        m_ui->introLabel->setText(tr("This workstation has no staff accounts yet. Create the first one: it is an "
                                     "administrator, who can add the others."));
        ok->setText(tr("Create and sign in"));
        m_ui->displayNameField->setFocus();
    } else {
        m_ui->introLabel->setText(tr("Sign in with your staff account."));
        ok->setText(tr("Sign in"));
        for (QWidget* widget :
             {static_cast<QWidget*>(m_ui->displayNameCaption), static_cast<QWidget*>(m_ui->displayNameField),
              static_cast<QWidget*>(m_ui->confirmCaption), static_cast<QWidget*>(m_ui->confirmField)})
            widget->hide();
        m_ui->usernameField->setFocus();
    }
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SignInDialog::submit);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

SignInDialog::~SignInDialog() = default;

void SignInDialog::showProblem(const QString& message)
{
    m_ui->problemLabel->setText(message);
    m_ui->problemLabel->setStyleSheet(QStringLiteral("color: #a40000;"));
    m_ui->problemLabel->show();
}

void SignInDialog::submit()
{
    const QString username = m_ui->usernameField->text().trimmed();
    // Into locked memory at once; the widgets' own text goes with clear() (Qt gives no way to wipe it in place).
    QString typed = m_ui->passwordField->text();
    const core::SecureBuffer password = core::SecureBuffer::fromUtf8(typed);
    core::SecureBuffer::wipe(typed);
    QString error;
    if (m_firstAccount) {
        QString confirmTyped = m_ui->confirmField->text();
        const core::SecureBuffer confirm = core::SecureBuffer::fromUtf8(confirmTyped);
        core::SecureBuffer::wipe(confirmTyped);
        m_ui->confirmField->clear();
        if (!(password == confirm)) {
            showProblem(tr("The two passwords differ."));
            m_ui->confirmField->setFocus();
            return;
        }
        core::StaffMember member;
        member.username = username;
        member.displayName = m_ui->displayNameField->text().trimmed();
        member.role = core::StaffMember::Role::Admin;
        if (!m_createAccount(member, password, &error)) {
            showProblem(error);
            return;
        }
    }
    m_member = m_signIn(username, password, &error);
    m_ui->passwordField->clear(); // the password does not stay in the widget
    if (!m_member) {
        showProblem(error);
        m_ui->passwordField->setFocus();
        return;
    }
    accept();
}

} // namespace foyer::gui
