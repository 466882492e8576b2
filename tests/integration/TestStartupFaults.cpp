// The foyer binary itself, against a real keychain: each fault gives one clear message and its own exit code,
// and no file is overwritten or created over an existing one.
#include "Database.h"
#include "DatabaseFile.h"
#include "KeyStore.h"
#include "StartupError.h"
#include "TestFiles.h"

#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>
#include <sys/mount.h>
#include <unistd.h>

using namespace foyer;
using startup::StartupError;

class TestStartupFaults : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    const QString m_service = QStringLiteral("Foyer faults ") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QStringList m_mounts;

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    // Always as the user running the test: the binary lives wherever the clone does, which another user may not be
    // able to enter.
    Run foyer(const QStringList& arguments, const QProcessEnvironment& extra = {},
              const QByteArray& input = QByteArray())
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("FOYER_KEYCHAIN_SERVICE"), m_service);
        for (const QString& key : extra.keys())
            env.insert(key, extra.value(key));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(FOYER_BINARY_DIR "/app/foyer"), arguments);
        if (!input.isEmpty()) {
            process.waitForStarted();
            process.write(input);
            process.closeWriteChannel();
        }
        process.waitForFinished(60000);
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
    }

    QString path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)); }

    QString databaseId(const QString& file)
    {
        QString id;
        storage::DatabaseFile::inspect(file, &id);
        return id;
    }

    void expectFailure(const QStringList& arguments, int exitCode, const QString& wording,
                       const QProcessEnvironment& extra = {})
    {
        const QString file = arguments.value(arguments.indexOf(QStringLiteral("--database")) + 1);
        const bool existed = QFile::exists(file);
        const QByteArray before = existed ? testing::fileDigest(file) : QByteArray();
        const Run run = foyer(arguments, extra);
        QVERIFY2(run.err.contains(wording), qPrintable(run.err));
        QCOMPARE(run.err.trimmed().count(u'\n'), 0); // one message, one line
        QCOMPARE(run.exitCode, exitCode);
        QCOMPARE(QFile::exists(file), existed);
        if (existed)
            QCOMPARE(testing::fileDigest(file), before);
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
                 "run under scripts/test (a D-Bus session with gnome-keyring)");
        const Run init = foyer({QStringLiteral("--init"), QStringLiteral("--database"), path("good.db")});
        QVERIFY2(init.exitCode == 0, qPrintable(init.err));
        QVERIFY2(init.out.contains(QStringLiteral("patrons=0 schema_version=")), qPrintable(init.out));
    }

    void versionNamesAllThree()
    {
        const Run run = foyer({QStringLiteral("--version")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QStringLiteral("Foyer ")));
        QVERIFY(run.out.contains(QStringLiteral("Qt 6.")));
        QVERIFY(run.out.contains(QStringLiteral("SQLCipher (SQLite 3.")));
    }

    void goodDatabaseChecksOut()
    {
        const Run run = foyer({QStringLiteral("--check"), QStringLiteral("--database"), path("good.db")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }

    void rekeyFromTheCommandLine()
    {
        QVERIFY(foyer({QStringLiteral("--init"), QStringLiteral("--database"), path("rekey.db")}).exitCode == 0);
        security::KeyStore store(m_service);
        const core::SecureBuffer before = store.readKey(databaseId(path("rekey.db"))).key;
        const Run rekey = foyer({QStringLiteral("--rekey"), QStringLiteral("--database"), path("rekey.db")});
        QVERIFY2(rekey.exitCode == 0, qPrintable(rekey.err));
        const core::SecureBuffer after = store.readKey(databaseId(path("rekey.db"))).key;
        QVERIFY(after.size() == 32 && after != before);
        QVERIFY(!rekey.out.contains(QString::fromLatin1(after.view().toByteArray().toHex())));
        const Run check = foyer({QStringLiteral("--check"), QStringLiteral("--database"), path("rekey.db")});
        QVERIFY2(check.exitCode == 0, qPrintable(check.err));
        storage::DatabaseError error;
        QVERIFY(
            !storage::Database::open(path("rekey.db"), before.view(), storage::Database::Mode::OpenExisting, &error));
        QCOMPARE(error.kind, storage::DatabaseError::Kind::WrongKeyOrNotADatabase);
    }

    // The whole GUI start: sign in (password on standard input), open a patron, take a screenshot.
    void signInOpensTheWindowAndAWrongPasswordIsRefused()
    {
        QProcess seed;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("FOYER_KEYCHAIN_SERVICE"), m_service);
        seed.setProcessEnvironment(env);
        seed.start(QStringLiteral(FOYER_BINARY_DIR "/app/foyer-seed"),
                   {QStringLiteral("--database"), path("signin.db"), QStringLiteral("--patrons"), QStringLiteral("20"),
                    QStringLiteral("--staff-password-stdin")});
        seed.waitForStarted();
        seed.write("a demo password\n");
        seed.closeWriteChannel();
        QVERIFY(seed.waitForFinished(120000));
        QVERIFY2(seed.exitCode() == 0, seed.readAllStandardError().constData());

        QProcessEnvironment offscreen;
        offscreen.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        const QString shot = path("signin.png");
        const QStringList arguments = {QStringLiteral("--database"),   path("signin.db"),
                                       QStringLiteral("--sign-in"),    QStringLiteral("boxoffice"),
                                       QStringLiteral("--open"),       QStringLiteral("3"),
                                       QStringLiteral("--screenshot"), shot};
        const Run wrong = foyer(arguments, offscreen, "not the password\n");
        QCOMPARE(wrong.exitCode, int(StartupError::SignInFailed));
        QVERIFY2(wrong.err.contains(QStringLiteral("Wrong user name or password")), qPrintable(wrong.err));
        QVERIFY(!QFile::exists(shot));
        const Run right = foyer(arguments, offscreen, "a demo password\n");
        QVERIFY2(right.exitCode == 0, qPrintable(right.err));
        QVERIFY(QFileInfo(shot).size() > 10000);
        QVERIFY(!right.out.contains(QStringLiteral("a demo password")) &&
                !right.err.contains(QStringLiteral("a demo password")));
    }

    void venueSetupFromTheCommandLineNeedsAnAdministrator()
    {
        // Uses the database and staff accounts the sign-in test seeded.
        const QString good = path("rehearsal.csv");
        const QString bad = path("overlap.csv");
        {
            QFile file(good);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("section,row,seat,x,y\nRoom,A,1,1,0\nRoom,A,2,2,0\nRoom,A,3,3,0\n");
            QFile overlap(bad);
            QVERIFY(overlap.open(QIODevice::WriteOnly));
            overlap.write("section,row,seat,x,y\nRoom,A,1,1,0\nRoom,A,2,1.2,0\n");
        }
        const auto run = [this](const QString& user, const QString& option, const QString& value) {
            return foyer(
                {QStringLiteral("--database"), path("signin.db"), QStringLiteral("--sign-in"), user, option, value}, {},
                "a demo password\n");
        };
        const Run refused = run(QStringLiteral("boxoffice"), QStringLiteral("--import-seat-map"),
                                QStringLiteral("Rehearsal Room=") + good);
        QCOMPARE(refused.exitCode, int(StartupError::SignInFailed));
        QVERIFY(refused.err.contains(QStringLiteral("Only an administrator")));
        const Run overlapping =
            run(QStringLiteral("admin"), QStringLiteral("--import-seat-map"), QStringLiteral("Rehearsal Room=") + bad);
        QCOMPARE(overlapping.exitCode, 2);
        QVERIFY2(overlapping.err.contains(QStringLiteral("overlaps")), qPrintable(overlapping.err));
        const Run imported =
            run(QStringLiteral("admin"), QStringLiteral("--import-seat-map"), QStringLiteral("Rehearsal Room=") + good);
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        QVERIFY(imported.out.contains(QStringLiteral("Rehearsal Room: 3 seats")));
        const Run setting =
            run(QStringLiteral("admin"), QStringLiteral("--set"), QStringLiteral("venue_name=Harbour Theatre"));
        QVERIFY2(setting.exitCode == 0, qPrintable(setting.err));
        const Run wrongSetting =
            run(QStringLiteral("admin"), QStringLiteral("--set"), QStringLiteral("member_authentication=maybe"));
        QCOMPARE(wrongSetting.exitCode, 2);
    }

    void missingFile()
    {
        expectFailure({QStringLiteral("--check"), QStringLiteral("--database"), path("missing.db")},
                      StartupError::FileNotFound, QStringLiteral("does not exist"));
    }

    void plainSqliteFile()
    {
        QVERIFY(testing::createPlainSqliteFile(path("plain.db")));
        expectFailure({QStringLiteral("--database"), path("plain.db"), QStringLiteral("--init")},
                      StartupError::NotAFoyerDatabase, QStringLiteral("not a Foyer database"));
    }

    void emptyFile()
    {
        testing::writeFile(path("empty.db"), QByteArray());
        expectFailure({QStringLiteral("--init"), QStringLiteral("--database"), path("empty.db")},
                      StartupError::NotAFoyerDatabase, QStringLiteral("empty"));
    }

    void noKeyInTheKeychain()
    {
        QByteArray noise(8192, '\0');
        for (int i = 0; i < noise.size(); ++i)
            noise[i] = char((i * 7919) % 251);
        testing::writeFile(path("noise.db"), noise);
        expectFailure({QStringLiteral("--init"), QStringLiteral("--database"), path("noise.db")},
                      StartupError::KeyMissing, QStringLiteral("no key"));
    }

    void wrongKeyInTheKeychain()
    {
        QVERIFY(foyer({QStringLiteral("--init"), QStringLiteral("--database"), path("wrong.db")}).exitCode == 0);
        security::KeyStore store(m_service);
        QVERIFY(store.writeKey(databaseId(path("wrong.db")), security::KeyStore::generateKey().view()).ok());
        expectFailure({QStringLiteral("--check"), QStringLiteral("--database"), path("wrong.db")},
                      StartupError::WrongKey, QStringLiteral("Wrong key or not a Foyer database"));
    }

    void damagedFile()
    {
        const Run seeded = [&] {
            QProcess seed;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("FOYER_KEYCHAIN_SERVICE"), m_service);
            seed.setProcessEnvironment(env);
            seed.start(QStringLiteral(FOYER_BINARY_DIR "/app/foyer-seed"),
                       {QStringLiteral("--database"), path("damaged.db"), QStringLiteral("--patrons"),
                        QStringLiteral("3000")});
            seed.waitForFinished(120000);
            return Run{seed.exitCode(), QString(), QString::fromUtf8(seed.readAllStandardError())};
        }();
        QVERIFY2(seeded.exitCode == 0, qPrintable(seeded.err));
        QByteArray bytes = testing::fileBytes(path("damaged.db"));
        const int page = int(bytes.size() / 4096) - 3;
        QVERIFY(page > 20);
        for (int i = 0; i < 32; ++i)
            bytes[page * 4096 + 1000 + i] = char(bytes[page * 4096 + 1000 + i] ^ 0xa5);
        testing::writeFile(path("damaged.db"), bytes);
        expectFailure({QStringLiteral("--check"), QStringLiteral("--database"), path("damaged.db")},
                      StartupError::Corrupt, QStringLiteral("The database file is damaged ("));
    }

    void newerSchema()
    {
        QVERIFY(foyer({QStringLiteral("--init"), QStringLiteral("--database"), path("newer.db")}).exitCode == 0);
        {
            const core::SecureBuffer key = security::KeyStore(m_service).readKey(databaseId(path("newer.db"))).key;
            storage::DatabaseError error;
            auto db =
                storage::Database::open(path("newer.db"), key.view(), storage::Database::Mode::OpenExisting, &error);
            QVERIFY(db);
            QVERIFY(QSqlQuery(db->connection()).exec(QStringLiteral("PRAGMA user_version = 77")));
        }
        expectFailure({QStringLiteral("--init"), QStringLiteral("--database"), path("newer.db")},
                      StartupError::NewerSchema, QStringLiteral("newer Foyer"));
    }

    void keychainUnavailable()
    {
        QProcessEnvironment noBus;
        noBus.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=/nonexistent/bus"));
        expectFailure({QStringLiteral("--check"), QStringLiteral("--database"), path("good.db")},
                      StartupError::KeychainUnavailable, QStringLiteral("keychain is not available"), noBus);
    }

    void readOnlyDirectory()
    {
        const QString dir = path("readonly");
        QVERIFY(QDir().mkpath(dir));
        if (geteuid() == 0) {
            // Root writes through permission bits, and switching to an unprivileged user would make the test depend
            // on that user reaching the binary (not so for a clone under /root or in a private temporary folder).
            // So root meets a folder nobody can write: a read-only bind mount of it (CI runs as root with the mount
            // capability, which diskFull needs too).
            const QByteArray where = QFile::encodeName(dir);
            QVERIFY2(::mount(where.constData(), where.constData(), nullptr, MS_BIND, nullptr) == 0,
                     qPrintable(QStringLiteral("as root this test needs a read-only bind mount: %1")
                                    .arg(QString::fromLocal8Bit(strerror(errno)))));
            m_mounts.append(dir);
            QVERIFY2(::mount(nullptr, where.constData(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) == 0,
                     strerror(errno));
        } else {
            QVERIFY(QFile::setPermissions(dir, QFile::ReadOwner | QFile::ExeOwner));
        }
        const Run run =
            foyer({QStringLiteral("--init"), QStringLiteral("--database"), dir + QStringLiteral("/new.db")});
        QVERIFY2(run.err.contains(QStringLiteral("cannot be written")), qPrintable(run.err));
        QCOMPARE(run.exitCode, int(StartupError::ReadOnly));
        QVERIFY(!QFile::exists(dir + QStringLiteral("/new.db")));
    }

    void diskFull()
    {
        if (geteuid() != 0)
            QSKIP("needs root to mount a small tmpfs (CI runs as root)");
        const QString dir = path("full");
        QVERIFY(QDir().mkpath(dir));
        QVERIFY2(::mount("tmpfs", QFile::encodeName(dir).constData(), "tmpfs", 0, "size=48k") == 0, strerror(errno));
        m_mounts.append(dir);
        expectFailure({QStringLiteral("--init"), QStringLiteral("--database"), dir + QStringLiteral("/new.db")},
                      StartupError::DiskFull, QStringLiteral("disk is full"));
    }

    void cleanupTestCase()
    {
        for (const QString& dir : m_mounts)
            ::umount(QFile::encodeName(dir).constData());
        security::KeyStore store(m_service);
        for (const char* name : {"good.db", "wrong.db", "damaged.db", "newer.db", "rekey.db", "signin.db"})
            store.deleteKey(databaseId(path(name)));
    }
};

QTEST_GUILESS_MAIN(TestStartupFaults)
#include "TestStartupFaults.moc"
