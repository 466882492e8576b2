// Staff accounts: Argon2id hashes only, sign-in through the real dialog.
#include "Database.h"
#include "PasswordHasher.h"
#include "SignInDialog.h"
#include "StaffRepository.h"
#include "StaffSignIn.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace foyer;

class TestSignIn : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::StaffRepository> m_staff;
    std::unique_ptr<startup::StaffSignIn> m_signIn;
    const QString m_password = QStringLiteral("correct horse battery");

    static core::SecureBuffer secure(const QString& text) { return core::SecureBuffer::fromUtf8(text); }

    std::unique_ptr<gui::SignInDialog> dialog()
    {
        return std::make_unique<gui::SignInDialog>(
            !m_signIn->hasAccounts(nullptr).value(), // throws (and fails the test) on an unreadable staff table
            [this](const QString& u, const core::SecureBuffer& p, QString* e) { return m_signIn->signIn(u, p, e); },
            [this](const core::StaffMember& m, const core::SecureBuffer& p, QString* e) {
                return m_signIn->createAccount(m, p, e);
            });
    }

private slots:
    void initTestCase()
    {
        storage::DatabaseError error;
        m_db = storage::Database::open(m_dir.filePath(QStringLiteral("staff.db")), QByteArray(32, '\x44'),
                                       storage::Database::Mode::CreateNew, &error);
        QVERIFY2(m_db, qPrintable(error.message));
        m_staff = std::make_unique<storage::StaffRepository>(m_db->connection());
        m_signIn = std::make_unique<startup::StaffSignIn>(m_staff.get());
    }

    void hashesAreArgon2idAndSalted()
    {
        const QString a = security::PasswordHasher::hash(secure(m_password));
        const QString b = security::PasswordHasher::hash(secure(m_password));
        QVERIFY(a.startsWith(QStringLiteral("$argon2id$")));
        QVERIFY(a != b); // a fresh salt each time
        QVERIFY(!a.contains(m_password));
        QVERIFY(security::PasswordHasher::verify(secure(m_password), a));
        QVERIFY(!security::PasswordHasher::verify(secure(QStringLiteral("correct horse battery!")), a));
        QVERIFY(!security::PasswordHasher::strengthProblem(secure(QStringLiteral("short"))).isEmpty());
    }

    void anUnreadableStaffTableIsNotAFirstRun()
    {
        QSqlQuery q(m_db->connection());
        QVERIFY2(q.exec(QStringLiteral("ALTER TABLE staff_user RENAME TO staff_user_away")),
                 qPrintable(q.lastError().text()));
        auto restore = qScopeGuard([&] { q.exec(QStringLiteral("ALTER TABLE staff_user_away RENAME TO staff_user")); });
        QString error;
        QCOMPARE(m_staff->count(&error), -1);
        QVERIFY2(error.contains(QStringLiteral("staff_user")), qPrintable(error));
        // Not "no accounts yet": that would offer to create a first administrator to whoever is at the keyboard.
        error.clear();
        QVERIFY(!m_signIn->hasAccounts(&error).has_value());
        QVERIFY2(error.contains(QStringLiteral("could not be read")) && error.contains(QStringLiteral("staff_user")),
                 qPrintable(error));
        restore.dismiss();
        QVERIFY(q.exec(QStringLiteral("ALTER TABLE staff_user_away RENAME TO staff_user")));
        error.clear();
        QCOMPARE(m_signIn->hasAccounts(&error), std::optional<bool>(false));
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void repositoryRefusesAPlainPassword()
    {
        core::StaffMember member;
        member.id = QStringLiteral("x");
        member.username = QStringLiteral("plain");
        member.displayName = QStringLiteral("Plain");
        QString error;
        QVERIFY(!m_staff->create(member, m_password, &error));
        QCOMPARE(m_staff->count(nullptr), 0);
    }

    void firstRunCreatesTheAdministratorThroughTheDialog()
    {
        auto first = dialog();
        first->show();
        QVERIFY(first->windowTitle().contains(QStringLiteral("first")));
        QTest::keyClicks(first->findChild<QLineEdit*>(QStringLiteral("displayNameField")), QStringLiteral("Pat Admin"));
        QTest::keyClicks(first->findChild<QLineEdit*>(QStringLiteral("usernameField")), QStringLiteral("Pat"));
        QTest::keyClicks(first->findChild<QLineEdit*>(QStringLiteral("passwordField")), m_password);
        QTest::keyClicks(first->findChild<QLineEdit*>(QStringLiteral("confirmField")), QStringLiteral("different one"));
        auto* ok = first->findChild<QPushButton*>(QStringLiteral("signInButton"));
        QTest::mouseClick(ok, Qt::LeftButton);
        QVERIFY(first->findChild<QLabel*>(QStringLiteral("problemLabel"))->text().contains(QStringLiteral("differ")));
        QCOMPARE(m_staff->count(nullptr), 0);
        QTest::keyClicks(first->findChild<QLineEdit*>(QStringLiteral("confirmField")), m_password);
        QTest::mouseClick(ok, Qt::LeftButton);
        QCOMPARE(first->result(), int(QDialog::Accepted));
        QCOMPARE(first->member()->username, QStringLiteral("pat"));
        QCOMPARE(first->member()->role, core::StaffMember::Role::Admin);
        QVERIFY(first->findChild<QLineEdit*>(QStringLiteral("passwordField"))->text().isEmpty());

        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT password_hash FROM staff_user WHERE username = 'pat'")) && q.next());
        QVERIFY(q.value(0).toString().startsWith(QStringLiteral("$argon2id$")));
        QVERIFY(!q.value(0).toString().contains(m_password));
    }

    void signInRefusesAWrongPasswordAndAnUnknownNameAlike()
    {
        QString wrongPassword, unknownUser;
        QVERIFY(!m_signIn->signIn(QStringLiteral("pat"), secure(QStringLiteral("wrong password!")), &wrongPassword));
        QVERIFY(!m_signIn->signIn(QStringLiteral("nobody"), secure(m_password), &unknownUser));
        QCOMPARE(wrongPassword, unknownUser); // does not tell which names exist
        QVERIFY(m_signIn->signIn(QStringLiteral("PAT"), secure(m_password), nullptr)); // user names ignore case

        auto later = dialog();
        later->show();
        QVERIFY(!later->findChild<QLineEdit*>(QStringLiteral("confirmField"))->isVisible());
        QTest::keyClicks(later->findChild<QLineEdit*>(QStringLiteral("usernameField")), QStringLiteral("pat"));
        QTest::keyClicks(later->findChild<QLineEdit*>(QStringLiteral("passwordField")),
                         QStringLiteral("nope nope nope"));
        QTest::keyClick(later->findChild<QLineEdit*>(QStringLiteral("passwordField")), Qt::Key_Return);
        QVERIFY(later->isVisible());
        QVERIFY(later->findChild<QLabel*>(QStringLiteral("problemLabel"))->text().contains(QStringLiteral("Wrong")));
        QTest::keyClicks(later->findChild<QLineEdit*>(QStringLiteral("passwordField")), m_password);
        QTest::keyClick(later->findChild<QLineEdit*>(QStringLiteral("passwordField")), Qt::Key_Return);
        QCOMPARE(later->result(), int(QDialog::Accepted));
        QCOMPARE(later->member()->displayName, QStringLiteral("Pat Admin"));
    }

    void cleanupTestCase()
    {
        m_signIn.reset();
        m_staff.reset();
        m_db.reset();
    }
};

QTEST_MAIN(TestSignIn)
#include "TestSignIn.moc"
