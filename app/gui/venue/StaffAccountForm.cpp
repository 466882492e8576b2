#include "StaffAccountForm.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace foyer::gui {

namespace {

QLineEdit* field(QWidget* parent, const char* name, const QString& accessibleName)
{
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(QString::fromLatin1(name));
    edit->setAccessibleName(accessibleName);
    return edit;
}

} // namespace

StaffAccountForm::StaffAccountForm(QWidget* parent)
    : QDialog(parent)
    , m_username(field(this, "usernameField", tr("Username")))
    , m_displayName(field(this, "displayNameField", tr("Name")))
    , m_email(field(this, "emailField", tr("Email")))
    , m_role(new QComboBox(this))
    , m_password(field(this, "passwordField", tr("Password")))
    , m_repeat(field(this, "repeatPasswordField", tr("Repeat password")))
    , m_problem(new QLabel(this))
{
    setObjectName(QStringLiteral("staffAccountForm"));
    setWindowTitle(tr("New staff account"));
    setAccessibleName(tr("New staff account"));
    m_role->setObjectName(QStringLiteral("roleCombo"));
    m_role->setAccessibleName(tr("Role"));
    m_role->addItem(tr("Box office"), QStringLiteral("box_office"));
    m_role->addItem(tr("Development"), QStringLiteral("development"));
    m_role->addItem(tr("Manager"), QStringLiteral("manager"));
    m_role->addItem(tr("Administrator"), QStringLiteral("admin"));
    m_password->setEchoMode(QLineEdit::Password);
    m_repeat->setEchoMode(QLineEdit::Password);
    m_problem->setObjectName(QStringLiteral("staffAccountProblem"));
    m_problem->setAccessibleName(tr("Problem"));
    m_problem->setStyleSheet(QStringLiteral("color: #a40000;"));
    m_problem->setWordWrap(true);
    m_problem->hide();

    auto* form = new QFormLayout;
    form->addRow(tr("&Username:"), m_username);
    form->addRow(tr("&Name:"), m_displayName);
    form->addRow(tr("&Email:"), m_email);
    form->addRow(tr("R&ole:"), m_role);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(tr("Repea&t password:"), m_repeat);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Create account"));
    buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("createAccountButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &StaffAccountForm::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
}

sync::StaffAdministrationClient::Account StaffAccountForm::account() const
{
    sync::StaffAdministrationClient::Account account;
    account.username = m_username->text().trimmed();
    account.displayName = m_displayName->text().trimmed();
    account.email = m_email->text().trimmed();
    account.role = m_role->currentData().toString();
    return account;
}

core::SecureBuffer StaffAccountForm::password() const
{
    return core::SecureBuffer::fromUtf8(m_password->text());
}

void StaffAccountForm::accept()
{
    QString problem;
    QLineEdit* at = nullptr;
    if (m_username->text().trimmed().isEmpty() || m_username->text().trimmed().contains(u' ')) {
        problem = tr("A username is needed, without spaces.");
        at = m_username;
    } else if (m_displayName->text().trimmed().isEmpty()) {
        problem = tr("A name is needed: it is shown on orders and contact logs.");
        at = m_displayName;
    } else if (m_password->text().size() < 10) {
        problem = tr("The password needs at least 10 characters.");
        at = m_password;
    } else if (m_password->text() != m_repeat->text()) {
        problem = tr("The two passwords differ.");
        at = m_repeat;
    }
    if (at) {
        m_problem->setText(problem);
        m_problem->show();
        at->setFocus();
        return;
    }
    QDialog::accept();
}

} // namespace foyer::gui
