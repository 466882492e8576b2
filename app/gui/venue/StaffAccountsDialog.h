#pragma once

#include "ServerConnection.h"
#include "StaffAdministrationClient.h"

#include <QDialog>
#include <QPointer>
#include <QThread>
#include <functional>

class QLabel;
class QPushButton;
class QTableWidget;

namespace foyer::gui {

// Venue > Staff accounts (administrators): the venue's accounts as the server holds them; add one, change a role,
// reset a password, disable or enable (a disabled account's sessions end at once, on every workstation). Each
// request runs on a worker thread, so the window never waits on the network; the server is what says no.
class StaffAccountsDialog : public QDialog
{
    Q_OBJECT
public:
    StaffAccountsDialog(sync::ServerConnection connection, QWidget* parent = nullptr);
    ~StaffAccountsDialog() override;

    bool busy() const { return m_busy; }
    void refresh();
    void addAccount();
    void changeRole();
    void resetPassword();
    void toggleDisabled();

signals:
    void requestFinished(bool ok);

private:
    using Request = std::function<sync::StaffAdministrationClient::Result(sync::StaffAdministrationClient&)>;
    void run(Request request, bool thenRefresh);
    void showAccounts(const QList<sync::StaffAdministrationClient::Account>& accounts);
    const sync::StaffAdministrationClient::Account* selected() const;
    void setBusy(bool busy);

    sync::ServerConnection m_connection;
    QList<sync::StaffAdministrationClient::Account> m_accounts;
    QTableWidget* m_table;
    QLabel* m_status;
    QPushButton* m_add;
    QPushButton* m_role;
    QPushButton* m_reset;
    QPushButton* m_disable;
    QPushButton* m_refresh;
    bool m_busy = false;
    QPointer<QThread> m_worker; // the request in flight, waited for if the dialog closes first
};

} // namespace foyer::gui
