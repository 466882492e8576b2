#include "StaffAccountsDialog.h"

#include "SessionTokenVault.h"
#include "StaffAccountForm.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>

namespace foyer::gui {

namespace {

QString roleLabel(const QString& role)
{
    if (role == QLatin1String("box_office"))
        return StaffAccountsDialog::tr("Box office");
    if (role == QLatin1String("development"))
        return StaffAccountsDialog::tr("Development");
    if (role == QLatin1String("manager"))
        return StaffAccountsDialog::tr("Manager");
    if (role == QLatin1String("admin"))
        return StaffAccountsDialog::tr("Administrator");
    return role;
}

const QStringList& roles()
{
    static const QStringList list = {QStringLiteral("box_office"), QStringLiteral("development"),
                                     QStringLiteral("manager"), QStringLiteral("admin")};
    return list;
}

QPushButton* button(QWidget* parent, const QString& text, const char* name)
{
    auto* b = new QPushButton(text, parent);
    b->setObjectName(QString::fromLatin1(name));
    b->setAccessibleName(QString(text).remove(u'&').remove(QStringLiteral("...")));
    return b;
}

} // namespace

StaffAccountsDialog::StaffAccountsDialog(sync::ServerConnection connection, QWidget* parent)
    : QDialog(parent)
    , m_connection(std::move(connection))
    , m_table(new QTableWidget(0, 5, this))
    , m_status(new QLabel(this))
    , m_add(button(this, tr("&Add account..."), "addStaffButton"))
    , m_role(button(this, tr("Change &role..."), "changeRoleButton"))
    , m_reset(button(this, tr("Reset &password..."), "resetPasswordButton"))
    , m_disable(button(this, tr("&Disable"), "disableStaffButton"))
    , m_refresh(button(this, tr("Re&fresh"), "refreshStaffButton"))
{
    setObjectName(QStringLiteral("staffAccountsDialog"));
    setWindowTitle(tr("Staff accounts"));
    setAccessibleName(tr("Staff accounts"));
    m_table->setObjectName(QStringLiteral("staffTable"));
    m_table->setAccessibleName(tr("Staff accounts"));
    m_table->setHorizontalHeaderLabels({tr("Username"), tr("Name"), tr("Email"), tr("Role"), tr("Status")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_status->setObjectName(QStringLiteral("staffStatus"));
    m_status->setAccessibleName(tr("Staff accounts status"));
    m_status->setWordWrap(true);

    connect(m_add, &QPushButton::clicked, this, &StaffAccountsDialog::addAccount);
    connect(m_role, &QPushButton::clicked, this, &StaffAccountsDialog::changeRole);
    connect(m_reset, &QPushButton::clicked, this, &StaffAccountsDialog::resetPassword);
    connect(m_disable, &QPushButton::clicked, this, &StaffAccountsDialog::toggleDisabled);
    connect(m_refresh, &QPushButton::clicked, this, &StaffAccountsDialog::refresh);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] { setBusy(m_busy); });

    auto* actions = new QHBoxLayout;
    for (QPushButton* b : {m_add, m_role, m_reset, m_disable, m_refresh})
        actions->addWidget(b);
    actions->addStretch();
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addLayout(actions);
    layout->addWidget(m_status);
    layout->addWidget(close);
    resize(860, 460);
    refresh();
}

StaffAccountsDialog::~StaffAccountsDialog()
{
    if (m_worker) {
        m_worker->wait();
        delete m_worker;
    }
}

void StaffAccountsDialog::setBusy(bool busy)
{
    m_busy = busy;
    const sync::StaffAdministrationClient::Account* account = selected();
    m_add->setEnabled(!busy);
    m_refresh->setEnabled(!busy);
    for (QPushButton* b : {m_role, m_reset, m_disable})
        b->setEnabled(!busy && account);
    m_disable->setText(account && !account->active ? tr("&Enable") : tr("&Disable"));
    m_disable->setAccessibleName(account && !account->active ? tr("Enable") : tr("Disable"));
}

const sync::StaffAdministrationClient::Account* StaffAccountsDialog::selected() const
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_accounts.size() || m_table->selectedItems().isEmpty())
        return nullptr;
    return &m_accounts.at(row);
}

void StaffAccountsDialog::run(Request request, bool thenRefresh)
{
    setBusy(true);
    m_status->setText(tr("Asking the server..."));
    // The request and its client live on a thread of their own; only the result comes back to the window.
    // The keychain is read here (it needs this thread's event loop); the request itself runs on the worker.
    const security::KeyStore::Result token =
        sync::SessionTokenVault(m_connection.databaseId, m_connection.keyStore).read();
    const QByteArray tokenText = token.ok() ? sync::SessionTokenVault::tokenText(token.key) : QByteArray();
    auto result = std::make_shared<sync::StaffAdministrationClient::Result>();
    QThread* worker =
        QThread::create([endpoint = m_connection.endpoint, tokenText, request = std::move(request), result] {
            sync::StaffAdministrationClient client(endpoint, tokenText);
            *result = request(client);
        });
    connect(worker, &QThread::finished, this, [this, worker, result, thenRefresh] {
        const sync::StaffAdministrationClient::Result outcome = *result;
        worker->deleteLater();
        m_worker = nullptr;
        setBusy(false);
        if (!outcome.ok) {
            m_status->setText(outcome.message);
            emit requestFinished(false);
            return;
        }
        m_status->setText(tr("Up to date with the server."));
        if (thenRefresh) {
            refresh();
            return;
        }
        showAccounts(outcome.accounts);
        emit requestFinished(true);
    });
    m_worker = worker;
    worker->start();
}

void StaffAccountsDialog::showAccounts(const QList<sync::StaffAdministrationClient::Account>& accounts)
{
    const QString keep = selected() ? selected()->id : QString();
    m_accounts = accounts;
    m_table->setRowCount(0);
    for (const auto& account : accounts) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const QStringList cells = {account.username, account.displayName, account.email, roleLabel(account.role),
                                   account.active ? tr("Active") : tr("Disabled")};
        for (int column = 0; column < cells.size(); ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
        if (account.id == keep)
            m_table->selectRow(row);
    }
    setBusy(false);
}

void StaffAccountsDialog::refresh()
{
    run([](sync::StaffAdministrationClient& client) { return client.list(); }, false);
}

void StaffAccountsDialog::addAccount()
{
    StaffAccountForm form(this);
    if (form.exec() != QDialog::Accepted)
        return;
    const sync::StaffAdministrationClient::Account account = form.account();
    auto password = std::make_shared<core::SecureBuffer>(form.password());
    run([account, password](sync::StaffAdministrationClient& client) { return client.create(account, *password); },
        true);
}

void StaffAccountsDialog::changeRole()
{
    const sync::StaffAdministrationClient::Account* account = selected();
    if (!account)
        return;
    QStringList labels;
    for (const QString& role : roles())
        labels << roleLabel(role);
    bool ok = false;
    const QString chosen = QInputDialog::getItem(this, tr("Change role"), tr("Role of %1:").arg(account->username),
                                                 labels, int(roles().indexOf(account->role)), false, &ok);
    if (!ok)
        return;
    const QString role = roles().value(labels.indexOf(chosen));
    const QString id = account->id;
    run(
        [id, role](sync::StaffAdministrationClient& client) {
            return client.update(id, QJsonObject{{QStringLiteral("role"), role}});
        },
        true);
}

void StaffAccountsDialog::resetPassword()
{
    const sync::StaffAdministrationClient::Account* account = selected();
    if (!account)
        return;
    bool ok = false;
    const QString typed = QInputDialog::getText(
        this, tr("Reset password"),
        tr("New password for %1 (at least 10 characters; their sessions end):").arg(account->username),
        QLineEdit::Password, QString(), &ok);
    if (!ok)
        return;
    auto password = std::make_shared<core::SecureBuffer>(core::SecureBuffer::fromUtf8(typed));
    const QString id = account->id;
    run([id, password](sync::StaffAdministrationClient& client) { return client.resetPassword(id, *password); }, true);
}

void StaffAccountsDialog::toggleDisabled()
{
    const sync::StaffAdministrationClient::Account* account = selected();
    if (!account)
        return;
    const QString id = account->id;
    const bool disable = account->active;
    run(
        [id, disable](sync::StaffAdministrationClient& client) {
            return client.update(id, QJsonObject{{QStringLiteral("disabled"), disable}});
        },
        true);
}

} // namespace foyer::gui
