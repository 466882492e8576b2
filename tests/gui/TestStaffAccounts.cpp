// Venue > Staff accounts against a real venue server (PostgreSQL + foyer-server over TLS, the session token in a
// real keychain): an administrator adds an account by keyboard, changes its role and disables it; the server is
// what holds each change (the new account signs in there, then is refused once disabled).
#include "Database.h"
#include "KeyStore.h"
#include "PostgresCluster.h"
#include "ServerProcess.h"
#include "ServerSignIn.h"
#include "SessionTokenVault.h"
#include "SyncHttpClient.h"
#include "WorkstationRegistration.h"
#include "venue/StaffAccountForm.h"
#include "venue/StaffAccountsDialog.h"

#include <QApplication>
#include <QComboBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>

using namespace foyer;

namespace {
const QByteArray adminPassword = QByteArrayLiteral("venue admin password 1");
}

class TestStaffAccounts : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    PostgresCluster m_cluster;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<storage::Database> m_db;
    sync::ServerConnection m_connection;

    int rowOf(QTableWidget* table, const QString& username)
    {
        for (int row = 0; row < table->rowCount(); ++row)
            if (table->item(row, 0)->text() == username)
                return row;
        return -1;
    }

    int signInStatus(const QString& username, const QByteArray& password)
    {
        sync::SyncHttpClient http(m_connection.endpoint);
        return sync::ServerSignIn(&http, QStringLiteral("probe-") + QUuid::createUuid().toString(QUuid::WithoutBraces),
                                  m_connection.keyStore)
            .signIn(username, core::SecureBuffer::copyOf(password), QString())
            .reply.status;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_cluster.start().isEmpty(), "PostgreSQL did not start");
        QVERIFY(m_cluster.createDatabase(QStringLiteral("foyer")).isEmpty());
        m_server = std::make_unique<ServerProcess>(m_cluster.host(), m_cluster.port(), QStringLiteral("foyer"),
                                                   m_cluster.user());
        QByteArray output;
        QVERIFY2(m_server->runCommand({QStringLiteral("migrate")}, {}, &output) == 0, output.constData());
        QVERIFY2(m_server->runCommand({QStringLiteral("create-admin"), QStringLiteral("--venue"),
                                       QStringLiteral("Staff Test Venue"), QStringLiteral("--username"),
                                       QStringLiteral("admin")},
                                      adminPassword + '\n', &output) == 0,
                 output.constData());
        const QString serving = m_server->start();
        QVERIFY2(serving.isEmpty(), qPrintable(serving));
        storage::DatabaseError error;
        m_db = storage::Database::open(m_dir.filePath(QStringLiteral("admin.db")), QByteArray(32, 's'),
                                       storage::Database::Mode::CreateNew, &error);
        QVERIFY2(m_db, qPrintable(error.message));
        m_connection.databaseId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_connection.keyStore = security::KeyStore(QStringLiteral("FoyerStaffAccountsTest"));
        m_connection.endpoint.baseUrl = QUrl(m_server->baseUrl());
        m_connection.endpoint.caCertificatePem = m_server->caCertificates().first().toPem();
        QString problem;
        sync::WorkstationRegistration registration(m_db->connection(), m_connection.databaseId, m_connection.keyStore);
        QVERIFY2(registration.registerWith(m_connection.endpoint, QStringLiteral("admin"),
                                           core::SecureBuffer::copyOf(adminPassword), QStringLiteral("Office"),
                                           &problem),
                 qPrintable(problem));
        m_connection.endpoint = *sync::WorkstationRegistration::storedEndpoint(m_db->connection(), &problem);
    }

    void anAdministratorAddsChangesAndDisablesAnAccount()
    {
        gui::StaffAccountsDialog dialog(m_connection);
        dialog.show();
        auto* table = dialog.findChild<QTableWidget*>(QStringLiteral("staffTable"));
        auto* status = dialog.findChild<QLabel*>(QStringLiteral("staffStatus"));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.busy(), 15000);
        QVERIFY2(rowOf(table, QStringLiteral("admin")) >= 0, qPrintable(status->text()));

        // Add by keyboard: the form refuses a short password at its field, then creates the account.
        QTimer::singleShot(0, this, [] {
            auto* form = qobject_cast<gui::StaffAccountForm*>(QApplication::activeModalWidget());
            QVERIFY(form);
            QTest::keyClicks(form->findChild<QLineEdit*>(QStringLiteral("usernameField")), QStringLiteral("kim"));
            QTest::keyClicks(form->findChild<QLineEdit*>(QStringLiteral("displayNameField")),
                             QStringLiteral("Kim Lee"));
            QTest::keyClicks(form->findChild<QLineEdit*>(QStringLiteral("emailField")),
                             QStringLiteral("kim@venue.example"));
            auto* role = form->findChild<QComboBox*>(QStringLiteral("roleCombo"));
            role->setCurrentIndex(role->findData(QStringLiteral("box_office")));
            QTest::keyClicks(form->findChild<QLineEdit*>(QStringLiteral("passwordField")), QStringLiteral("short"));
            QTest::keyClick(form, Qt::Key_Return);
            QVERIFY(form->isVisible());
            QVERIFY(form->findChild<QLabel*>(QStringLiteral("staffAccountProblem"))->text().contains(u"10"));
            form->findChild<QLineEdit*>(QStringLiteral("passwordField"))->clear();
            QTest::keyClicks(form->findChild<QLineEdit*>(QStringLiteral("passwordField")),
                             QStringLiteral("kim's password 1"));
            QTest::keyClicks(form->findChild<QLineEdit*>(QStringLiteral("repeatPasswordField")),
                             QStringLiteral("kim's password 1"));
            QTest::keyClick(form, Qt::Key_Return);
        });
        dialog.addAccount();
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(table, QStringLiteral("kim")) >= 0, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.busy(), 15000);
        const int kim = rowOf(table, QStringLiteral("kim"));
        QCOMPARE(table->item(kim, 3)->text(), QStringLiteral("Box office"));
        QCOMPARE(table->item(kim, 4)->text(), QStringLiteral("Active"));
        QCOMPARE(signInStatus(QStringLiteral("kim"), "kim's password 1"), 200);

        // Change the role through the role picker.
        table->selectRow(kim);
        QTimer::singleShot(0, this, [] {
            auto* picker = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
            QVERIFY(picker);
            picker->setTextValue(QStringLiteral("Manager"));
            picker->accept();
        });
        dialog.changeRole();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.busy() && rowOf(table, QStringLiteral("kim")) >= 0 &&
                                     table->item(rowOf(table, QStringLiteral("kim")), 3)->text() ==
                                         QStringLiteral("Manager"),
                                 15000);

        // Disable: the server refuses the account's sign-in from now on.
        table->selectRow(rowOf(table, QStringLiteral("kim")));
        auto* disable = dialog.findChild<QPushButton*>(QStringLiteral("disableStaffButton"));
        QCOMPARE(disable->text(), QStringLiteral("&Disable"));
        disable->click();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.busy() && table->item(rowOf(table, QStringLiteral("kim")), 4)->text() ==
                                                       QStringLiteral("Disabled"),
                                 15000);
        QVERIFY(signInStatus(QStringLiteral("kim"), "kim's password 1") >= 400);
        if (qEnvironmentVariableIsSet("FOYER_SCREENSHOT_DIR"))
            dialog.grab().save(qEnvironmentVariable("FOYER_SCREENSHOT_DIR") + QStringLiteral("/staff-accounts.png"));
    }

    void theServerSaysWhyWhenItRefuses()
    {
        gui::StaffAccountsDialog dialog(m_connection);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.busy(), 15000);
        auto* table = dialog.findChild<QTableWidget*>(QStringLiteral("staffTable"));
        // The venue's last administrator cannot be disabled: the server refuses and the dialog says so.
        table->selectRow(rowOf(table, QStringLiteral("admin")));
        dialog.toggleDisabled();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.busy(), 15000);
        auto* status = dialog.findChild<QLabel*>(QStringLiteral("staffStatus"));
        QVERIFY2(!status->text().isEmpty() && status->text() != QStringLiteral("Up to date with the server."),
                 qPrintable(status->text()));
        QCOMPARE(table->item(rowOf(table, QStringLiteral("admin")), 4)->text(), QStringLiteral("Active"));
    }

    void cleanupTestCase() { sync::SessionTokenVault(m_connection.databaseId, m_connection.keyStore).forget(); }
};

QTEST_MAIN(TestStaffAccounts)
#include "TestStaffAccounts.moc"
