// foyer: the box office client.
//   foyer [--database PATH]             open (first run: create) the encrypted database and show the main window
//   foyer --check [--database PATH]      open without a window, verify every page, print a summary
//   foyer --init [--database PATH]       create the database if missing (first run), print a summary
//   foyer --rekey [--database PATH]      rotate the database key
//   foyer --sign-in USER                 sign in without the dialog; the password comes on standard input
//   foyer --register-server URL --server-ca FILE [--workstation-name NAME] --sign-in USER
//                                        register this workstation with the venue's server (a manager or admin; the
//                                        password on standard input once), print its prefix, exit
//   foyer --open NUMBER                 open that patron's profile at start
//   foyer --screenshot FILE              show the window, save a picture of it, exit (used by scripts/demo)
//   foyer --version
#include "CashCountDialog.h"
#include "Database.h"
#include "DatabaseFile.h"
#include "LocalDatabaseOpener.h"
#include "MainWindow.h"
#include "OrderEditorDialog.h"
#include "ReportsDialog.h"
#include "Repositories.h"
#include "SessionTokenVault.h"
#include "SettingsRepository.h"
#include "SignInDialog.h"
#include "SqlCipherDriver.h"
#include "StaffSignIn.h"
#include "SyncContext.h"
#include "SyncWorker.h"
#include "WorkstationIdentity.h"
#include "WorkstationRegistration.h"

#include <QApplication>
#include <QComboBox>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QPushButton>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QStatusBar>
#include <QSysInfo>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextStream>
#include <QThread>
#include <QTimer>
#include <QTranslator>
#include <cstring>
#include <functional>
#include <memory>

using namespace foyer;

namespace {

bool hasArgument(int argc, char** argv, const char* name)
{
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], name) == 0)
            return true;
    return false;
}

QString defaultDatabasePath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return dir + QStringLiteral("/foyer.db");
}

// --register-server: exit 0 printing the prefix, 2 with the reason.
int registerWorkstation(const QString& url, const QString& caFile, QString name, QSqlDatabase db,
                        const QString& databaseId, const security::KeyStore& keyStore, const core::StaffMember& staff,
                        const core::SecureBuffer& password)
{
    const auto refuse = [](const QString& why) {
        QTextStream(stderr)
            << QCoreApplication::translate("main", "foyer: the workstation was not registered: %1").arg(why)
            << Qt::endl;
        return 2;
    };
    if (staff.role != core::StaffMember::Role::Manager && staff.role != core::StaffMember::Role::Admin)
        return refuse(QCoreApplication::translate("main", "only a manager or administrator registers a workstation."));
    const QUrl baseUrl(url);
    if (!baseUrl.isValid() || baseUrl.scheme() != QLatin1String("https") || baseUrl.host().isEmpty())
        return refuse(QCoreApplication::translate("main", "the server address must be https://HOST:PORT."));
    // Registering twice with the same server is a no-op: it says so and prints the prefix it has.
    QString identityError;
    const auto current = storage::WorkstationIdentity(db).load(&identityError);
    if (!current)
        return refuse(identityError);
    if (!current->workstationId.isEmpty() && QUrl(current->serverUrl) == baseUrl) {
        QTextStream(stderr) << QCoreApplication::translate("main", "foyer: this workstation is already registered "
                                                                   "with %1.")
                                   .arg(current->serverUrl)
                            << Qt::endl;
        QTextStream(stdout) << QStringLiteral("prefix=%1\n").arg(current->prefix);
        return 0;
    }
    if (caFile.isEmpty())
        return refuse(QCoreApplication::translate("main", "--server-ca FILE (the venue's CA certificate) is needed."));
    QFile ca(caFile);
    if (!ca.open(QIODevice::ReadOnly))
        return refuse(QCoreApplication::translate("main", "cannot read %1: %2").arg(caFile, ca.errorString()));
    sync::SyncEndpoint endpoint;
    endpoint.baseUrl = baseUrl;
    endpoint.caCertificatePem = ca.readAll();
    if (!endpoint.caCertificatePem.contains("-----BEGIN CERTIFICATE-----"))
        return refuse(QCoreApplication::translate("main", "%1 is not a PEM certificate.").arg(caFile));
    if (databaseId.isEmpty())
        return refuse(QCoreApplication::translate("main", "the database has no id to register."));
    if (name.trimmed().isEmpty())
        name = QSysInfo::machineHostName();
    sync::WorkstationRegistration registration(db, databaseId, keyStore);
    // Rows from before sync go up in the first push; say how far their operations are, every tenth or so.
    registration.setUploadProgress([lastTenth = qint64(-1)](qint64 done, qint64 total) mutable {
        const qint64 tenth = total > 0 ? done * 10 / total : 10;
        if (tenth != lastTenth) {
            lastTenth = tenth;
            QTextStream(stderr)
                << QCoreApplication::translate("main", "foyer: first upload: %1 of %2 rows ready").arg(done).arg(total)
                << Qt::endl;
        }
        return true;
    });
    QString problem;
    if (!registration.registerWith(endpoint, staff.username, password, name.trimmed(), &problem))
        return refuse(problem);
    for (const QString& note : registration.notes())
        QTextStream(stderr) << QCoreApplication::translate("main", "foyer: %1").arg(note) << Qt::endl;
    const auto stored = storage::WorkstationIdentity(db).load(&identityError);
    if (!stored)
        return refuse(identityError);
    QTextStream(stdout) << QStringLiteral("prefix=%1\n").arg(stored->prefix);
    return 0;
}

// Runs `then` once the window is shown and, on a registered workstation, its sync worker has finished a round that
// synced (so a picture shows "Online · … · synced HH:MM"), or after 10 seconds at most.
void whenSynced(QObject* context, sync::SyncWorker* worker, const std::function<void()>& then)
{
    auto done = std::make_shared<bool>(false);
    const auto once = [done, then] {
        if (*done)
            return;
        *done = true;
        then();
    };
    if (worker)
        QObject::connect(worker, &sync::SyncWorker::statusChanged, context,
                         [context, once](const sync::SyncStatus& status) {
                             if (status.lastSyncUtc.isValid() && !status.syncing)
                                 QTimer::singleShot(300, context, once);
                         });
    // A first sync of the demo venue (its upload, then its pull) takes tens of seconds: wait for it, within reason.
    QTimer::singleShot(worker ? 120000 : 500, context, once);
}

int fail(const startup::StartupError& error, bool withWindow)
{
    QTextStream(stderr) << QCoreApplication::translate("main", "foyer: %1").arg(error.message) << Qt::endl;
    if (withWindow)
        QMessageBox::critical(nullptr, QCoreApplication::translate("main", "Foyer cannot open its database"),
                              error.message);
    return error.exitCode;
}

} // namespace

int main(int argc, char** argv)
{
    // Only the window needs a GUI application; --check, --rekey and --version also run on a server console.
    const bool headless = hasArgument(argc, argv, "--check") || hasArgument(argc, argv, "--rekey") ||
                          hasArgument(argc, argv, "--init") || hasArgument(argc, argv, "--version") ||
                          hasArgument(argc, argv, "--help") || hasArgument(argc, argv, "--register-server");
    std::unique_ptr<QCoreApplication> app(headless ? new QCoreApplication(argc, argv) : new QApplication(argc, argv));
    QCoreApplication::setOrganizationName(QStringLiteral("Foyer"));
    QCoreApplication::setApplicationName(QStringLiteral("foyer"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FOYER_VERSION));

    // Plural forms and, later, other languages; a missing translation simply leaves the source text.
    QTranslator translator;
    // Without a matching language, English plural forms apply (the source texts are English).
    if (translator.load(QLocale(), QStringLiteral("foyer"), QStringLiteral("_"), QStringLiteral(":/i18n")) ||
        translator.load(QStringLiteral(":/i18n/foyer_en")))
        QCoreApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "Foyer box office"));
    parser.addHelpOption();
    const QCommandLineOption versionOption(QStringLiteral("version"),
                                           QCoreApplication::translate("main", "Print versions and exit."));
    const QCommandLineOption databaseOption(
        QStringLiteral("database"), QCoreApplication::translate("main", "The database file."), QStringLiteral("path"));
    const QCommandLineOption checkOption(QStringLiteral("check"),
                                         QCoreApplication::translate("main", "Open the database, print a summary."));
    const QCommandLineOption initOption(
        QStringLiteral("init"),
        QCoreApplication::translate("main", "Create the database if missing, print a summary."));
    const QCommandLineOption rekeyOption(QStringLiteral("rekey"),
                                         QCoreApplication::translate("main", "Rotate the database key."));
    const QCommandLineOption noCreateOption(QStringLiteral("no-create"),
                                            QCoreApplication::translate("main", "Do not create a missing database."));
    const QCommandLineOption openOption(QStringLiteral("open"),
                                        QCoreApplication::translate("main", "Open this patron number's profile."),
                                        QStringLiteral("number"));
    const QCommandLineOption signInOption(
        QStringLiteral("sign-in"),
        QCoreApplication::translate("main", "Sign in as this staff user, reading the password from standard input."),
        QStringLiteral("user"));
    const QCommandLineOption screenshotDirOption(
        QStringLiteral("screenshot-dir"),
        QCoreApplication::translate("main", "Save pictures of the window and each profile section into this folder."),
        QStringLiteral("folder"));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
                                              QCoreApplication::translate("main", "Save a picture of the window."),
                                              QStringLiteral("file"));
    const QCommandLineOption settingOption(
        QStringLiteral("set"),
        QCoreApplication::translate("main", "Change a venue setting and exit (an administrator signs in with "
                                            "--sign-in), e.g. new_patron_requires=email,phone or "
                                            "venue_time_zone=Europe/London."),
        QStringLiteral("name=value"));
    const QCommandLineOption seatMapOption(
        QStringLiteral("import-seat-map"),
        QCoreApplication::translate("main",
                                    "Import a hall's seat map from CSV (section,row,seat,x,y[,member_only]) and "
                                    "exit (an administrator signs in with --sign-in)."),
        QStringLiteral("hall=file"));
    const QCommandLineOption registerOption(
        QStringLiteral("register-server"),
        QCoreApplication::translate("main", "Register this workstation with the venue's server at this address and "
                                            "exit (a manager or administrator signs in with --sign-in)."),
        QStringLiteral("url"));
    const QCommandLineOption serverCaOption(
        QStringLiteral("server-ca"),
        QCoreApplication::translate("main", "The venue's CA certificate (PEM) the server's certificate is issued by."),
        QStringLiteral("file"));
    const QCommandLineOption workstationNameOption(
        QStringLiteral("workstation-name"),
        QCoreApplication::translate("main", "This workstation's name on the server (default: the host name)."),
        QStringLiteral("name"));
    parser.addOptions({versionOption, databaseOption, checkOption, initOption, rekeyOption, noCreateOption, openOption,
                       signInOption, screenshotOption, screenshotDirOption, settingOption, seatMapOption,
                       registerOption, serverCaOption, workstationNameOption});
    parser.process(*app);

    storage::SqlCipherDriver::registerDriver();
    if (parser.isSet(versionOption)) {
        QTextStream(stdout) << QStringLiteral("Foyer %1\nQt %2\nSQLCipher (SQLite %3)\n")
                                   .arg(QStringLiteral(FOYER_VERSION), QString::fromLatin1(qVersion()),
                                        storage::SqlCipherDriver::sqliteVersion());
        return 0;
    }

    const QString path = parser.isSet(databaseOption) ? parser.value(databaseOption) : defaultDatabasePath();
    const bool createIfMissing =
        !parser.isSet(noCreateOption) && !parser.isSet(checkOption) && !parser.isSet(rekeyOption);
    // Tests set FOYER_KEYCHAIN_SERVICE to keep their keys apart from a workstation's real one.
    const QString keychainService = qEnvironmentVariable("FOYER_KEYCHAIN_SERVICE", QStringLiteral("Foyer"));
    startup::LocalDatabaseOpener opener{security::KeyStore(keychainService)};
    startup::StartupError error;
    std::unique_ptr<storage::Database> database = opener.open(path, createIfMissing, &error);
    if (!database)
        return fail(error, !headless);

    // The venue's days (day sheet, presales, "today") begin at its own midnight; --set can still repair a zone this
    // workstation does not know.
    if (QString problem; !storage::SettingsRepository(database->connection()).loadVenueTimeZone(&problem) &&
                         !parser.isSet(settingOption))
        return fail({startup::StartupError::VenueSettings, problem}, !headless);

    if (parser.isSet(rekeyOption)) {
        if (!opener.rekey(*database, &error))
            return fail(error, false);
        QTextStream(stdout) << QCoreApplication::translate("main", "The database key was rotated.") << Qt::endl;
        return 0;
    }

    gui::DatabaseSummary summary;
    QString countError;
    summary.patronCount = storage::PatronRepository(database->connection()).count(&countError);
    summary.schemaVersion = database->schemaVersion();
    summary.cipherVersion = storage::SqlCipherDriver::sqliteVersion();
    summary.path = database->path();
    if (summary.patronCount < 0) {
        error = {startup::StartupError::Corrupt,
                 QCoreApplication::translate("main", "The database could not be read (%1): it may be damaged.")
                     .arg(countError)};
        return fail(error, !headless);
    }

    if (parser.isSet(checkOption) || parser.isSet(initOption)) {
        if (parser.isSet(checkOption)) {
            const storage::DatabaseError damage = database->verifyPages();
            if (damage.isError())
                return fail(startup::StartupError::fromDatabase(damage), false);
        }
        QTextStream(stdout)
            << QStringLiteral("patrons=%1 schema_version=%2\n").arg(summary.patronCount).arg(summary.schemaVersion);
        return 0;
    }

    storage::Repositories repos(database->connection());
    QString databaseId;
    storage::DatabaseFile::inspect(path, &databaseId);
    QString registrationError;
    const std::optional<sync::SyncEndpoint> endpoint =
        sync::WorkstationRegistration::storedEndpoint(database->connection(), &registrationError);
    if (parser.isSet(registerOption) && !parser.isSet(signInOption))
        return fail({startup::StartupError::SignInFailed,
                     QCoreApplication::translate("main", "--register-server needs --sign-in USER (a manager or "
                                                         "administrator; the password on standard input).")},
                    false);
    // The app opens on a staff sign-in; --sign-in takes the password from standard input (scripts, kiosks). A
    // registered workstation signs in at the venue's server first (it decides when it answers; offline the local
    // verifier does), which also leaves the session token in the keychain for the sync worker.
    startup::StaffSignIn staffSignIn(&repos.staff);
    if (endpoint && !databaseId.isEmpty()) {
        QString identityError;
        const auto registration = storage::WorkstationIdentity(database->connection()).load(&identityError);
        staffSignIn.useServer({database->connection(), *endpoint, databaseId,
                               registration ? registration->workstationId : QString(),
                               security::KeyStore(keychainService)});
    }
    std::optional<core::StaffMember> staff;
    if (parser.isSet(signInOption)) {
        QString typed = QTextStream(stdin).readLine();
        const core::SecureBuffer password = core::SecureBuffer::fromUtf8(typed);
        core::SecureBuffer::wipe(typed);
        QString problem;
        staff = staffSignIn.signIn(parser.value(signInOption), password, &problem);
        if (!staff)
            return fail({startup::StartupError::SignInFailed, problem}, false);
        if (parser.isSet(registerOption))
            return registerWorkstation(parser.value(registerOption), parser.value(serverCaOption),
                                       parser.value(workstationNameOption), database->connection(), databaseId,
                                       security::KeyStore(keychainService), *staff, password);
    } else {
        QString problem;
        const std::optional<bool> hasAccounts = staffSignIn.hasAccounts(&problem);
        if (!hasAccounts)
            return fail({startup::StartupError::Corrupt, problem}, !headless);
        gui::SignInDialog signInDialog(
            !*hasAccounts,
            [&staffSignIn](const QString& user, const core::SecureBuffer& password, QString* problem) {
                return staffSignIn.signIn(user, password, problem);
            },
            [&staffSignIn](const core::StaffMember& member, const core::SecureBuffer& password, QString* problem) {
                return staffSignIn.createAccount(member, password, problem);
            });
        if (signInDialog.exec() != QDialog::Accepted || !signInDialog.member())
            return 0;
        staff = signInDialog.member();
    }

    if (parser.isSet(seatMapOption)) {
        if (staff->role != core::StaffMember::Role::Admin)
            return fail({startup::StartupError::SignInFailed,
                         QCoreApplication::translate("main", "Only an administrator can set up the venue.")},
                        false);
        const QString assignment = parser.value(seatMapOption);
        const qsizetype equals = assignment.indexOf(u'=');
        QFile file(equals > 0 ? assignment.mid(equals + 1) : QString());
        QString problem;
        if (equals <= 0)
            problem = QCoreApplication::translate("main", "expected hall=file");
        else if (!file.open(QIODevice::ReadOnly))
            problem =
                QCoreApplication::translate("main", "cannot read %1: %2").arg(file.fileName(), file.errorString());
        else if (repos.venue.importSeatMap(assignment.left(equals), QString::fromUtf8(file.readAll()), &problem)
                     .isEmpty() &&
                 problem.isEmpty())
            problem = QCoreApplication::translate("main", "nothing imported");
        if (!problem.isEmpty()) {
            QTextStream(stderr) << QCoreApplication::translate("main", "foyer: seat map not imported: %1")
                                       .arg(QString(problem).replace(u'\n', QStringLiteral("; ")))
                                << Qt::endl;
            return 2;
        }
        const qsizetype seatCount =
            repos.venue.seats(repos.venue.hallId(assignment.left(equals), &problem), &problem).size();
        if (!problem.isEmpty()) {
            QTextStream(stderr) << QCoreApplication::translate("main", "foyer: seat map not read back: %1").arg(problem)
                                << Qt::endl;
            return 2;
        }
        QTextStream(stdout)
            << QCoreApplication::translate("main", "%1: %2 seats").arg(assignment.left(equals)).arg(seatCount)
            << Qt::endl;
        return 0;
    }
    if (parser.isSet(settingOption)) {
        if (staff->role != core::StaffMember::Role::Admin)
            return fail({startup::StartupError::SignInFailed,
                         QCoreApplication::translate("main", "Only an administrator can change venue settings.")},
                        false);
        const QString assignment = parser.value(settingOption);
        const qsizetype equals = assignment.indexOf(u'=');
        QString problem;
        if (equals <= 0 ||
            !repos.settings.setValue(assignment.left(equals), assignment.mid(equals + 1), staff->id, &problem)) {
            QTextStream(stderr) << QCoreApplication::translate("main", "foyer: setting not changed: %1")
                                       .arg(problem.isEmpty() ? QStringLiteral("expected name=value") : problem)
                                << Qt::endl;
            return 2;
        }
        QTextStream(stdout) << assignment << Qt::endl;
        return 0;
    }

    gui::MainWindow window(&repos);
    window.setDatabase(database.get());
    window.setStaff(*staff); // also the actor of every operation this window makes (SyncContext)
    window.showSummary(summary);
    // Lock, unlock and sign-in after a sign-out check passwords as the first sign-in did; a sign-out ends the
    // session here and at the venue server.
    window.setSessionControl([&staffSignIn](const QString& user, const core::SecureBuffer& password,
                                            QString* problem) { return staffSignIn.signIn(user, password, problem); },
                             [&staffSignIn, &window](const core::StaffMember&) {
                                 QString problem;
                                 if (!staffSignIn.signOut(&problem)) {
                                     QTextStream(stderr)
                                         << QCoreApplication::translate("main", "foyer: %1").arg(problem) << Qt::endl;
                                     window.statusBar()->showMessage(problem, 10000);
                                 }
                             });
    // A workstation registered with the venue's server syncs on a thread of its own (its own connection), so the
    // window never waits on the network; the status bar shows what it reports.
    QThread syncThread;
    sync::SyncWorker* syncWorker = nullptr;
    {
        if (endpoint && !databaseId.isEmpty()) {
            // The keychain is read here, on the window's thread; the worker only gets the token.
            const security::KeyStore keyStore(keychainService);
            const security::KeyStore::Result token = sync::SessionTokenVault(databaseId, keyStore).read();
            syncWorker =
                new sync::SyncWorker(database.get(), *endpoint, databaseId,
                                     token.ok() ? sync::SessionTokenVault::tokenText(token.key) : QByteArray());
            window.setServerConnection({*endpoint, databaseId, keyStore});
            syncWorker->moveToThread(&syncThread);
            QObject::connect(&syncThread, &QThread::finished, syncWorker, &QObject::deleteLater);
            QObject::connect(syncWorker, &sync::SyncWorker::statusChanged, &window, &gui::MainWindow::showSyncStatus);
            QObject::connect(&window, &gui::MainWindow::syncNowRequested, syncWorker, &sync::SyncWorker::syncNow);
            // A new sign-in at the server (unlock, another staff member) left a new token; a sign-out none.
            QObject::connect(
                &window, &gui::MainWindow::sessionChanged, &window, [syncWorker, databaseId, keychainService] {
                    const security::KeyStore::Result renewed =
                        sync::SessionTokenVault(databaseId, security::KeyStore(keychainService)).read();
                    const QByteArray text =
                        renewed.ok() ? sync::SessionTokenVault::tokenText(renewed.key) : QByteArray();
                    QMetaObject::invokeMethod(syncWorker, [syncWorker, text] { syncWorker->setSessionToken(text); });
                });
            QObject::connect(&window, &gui::MainWindow::signedOut, syncWorker,
                             [syncWorker] { syncWorker->setSessionToken(QByteArray()); });
            syncThread.start();
            QMetaObject::invokeMethod(syncWorker, &sync::SyncWorker::start, Qt::QueuedConnection);
        } else if (!registrationError.isEmpty()) {
            sync::SyncStatus unreadable;
            unreadable.problem = registrationError;
            window.showSyncStatus(unreadable);
        }
    }
    // Stops the worker (and closes its connection) on its own thread before the database closes.
    // Not a queued stop(): a round waiting on the network runs a nested event loop, which would run stop() in the
    // middle of the round and free the engine under it. Quitting the thread ends every loop on it; the worker is
    // deleted (closing its connection) on its own thread as the thread finishes, before the database closes.
    const auto stopSync = qScopeGuard([&] {
        syncThread.quit();
        syncThread.wait();
    });
    if (parser.isSet(openOption)) {
        QString readError;
        const std::optional<QString> id =
            repos.patrons.idForPatronNumber(parser.value(openOption).toLongLong(), &readError);
        if (!readError.isEmpty()) {
            // A failed look-up is not "no such patron": say why, and stop.
            QTextStream(stderr) << QCoreApplication::translate("main", "foyer: cannot look up patron number %1: %2")
                                       .arg(parser.value(openOption), readError)
                                << Qt::endl;
            return 1;
        }
        if (!id || !window.openPatron(*id))
            QTextStream(stderr)
                << QCoreApplication::translate("main", "foyer: no patron number %1").arg(parser.value(openOption))
                << Qt::endl;
    }
    window.show();
    if (parser.isSet(screenshotOption)) {
        const QString file = parser.value(screenshotOption);
        whenSynced(&window, syncWorker, [&window, file] {
            const bool saved = window.grab().save(file);
            QTextStream(saved ? stdout : stderr)
                << (saved ? QCoreApplication::translate("main", "Screenshot written to %1").arg(file)
                          : QCoreApplication::translate("main", "Cannot write the screenshot to %1").arg(file))
                << Qt::endl;
            QCoreApplication::exit(saved ? 0 : 1);
        });
    }
    if (parser.isSet(screenshotDirOption)) {
        const QString dir = parser.value(screenshotDirOption);
        whenSynced(&window, syncWorker, [&window, &repos, &database, &staff, dir, syncWorker] {
            QDir().mkpath(dir);
            bool saved = window.grab().save(dir + QStringLiteral("/main-window.png"));
            // A registered workstation's status bar after its first sync.
            if (syncWorker)
                saved = window.statusBar()->grab().save(dir + QStringLiteral("/status-bar-online.png")) && saved;
            auto* sections = window.findChild<QTabWidget*>(QStringLiteral("profileSections"));
            const QStringList names = {QStringLiteral("overview"), QStringLiteral("orders"), QStringLiteral("history"),
                                       QStringLiteral("contact-logs"), QStringLiteral("monthly-donations")};
            for (int i = 0; sections && i < sections->count() && i < names.size(); ++i) {
                sections->setCurrentIndex(i);
                QCoreApplication::processEvents();
                saved = window.grab().save(dir + QStringLiteral("/profile-") + names.at(i) + QStringLiteral(".png")) &&
                        saved;
            }
            // The order editor for the open patron: four seats typed in, one switched to a membership number the
            // member database does not know, and "Update and confirm" pressed (refused, so nothing is written).
            if (auto* newOrder = window.findChild<QPushButton*>(QStringLiteral("newOrderButton"))) {
                newOrder->click();
                QCoreApplication::processEvents();
                if (auto* editor = window.findChild<gui::OrderEditorDialog*>(QStringLiteral("orderEditor"))) {
                    editor->resize(1360, 780);
                    // The soonest performance may be in the studio, which has no balcony: show one on the main stage.
                    if (auto* performance = editor->findChild<QComboBox*>(QStringLiteral("performanceCombo"))) {
                        const int mainStage = performance->findText(QStringLiteral("Main Stage"), Qt::MatchContains);
                        if (mainStage >= 0)
                            performance->setCurrentIndex(mainStage);
                    }
                    editor->addTypedSeats(QStringLiteral("Balcony J10-13"));
                    if (auto* payType = editor->findChild<QComboBox*>(QStringLiteral("payType3")))
                        payType->setCurrentIndex(payType->findData(QStringLiteral("membership")));
                    if (auto* lines = editor->findChild<QTableWidget*>(QStringLiteral("linesTable")))
                        if (QTableWidgetItem* number = lines->item(3, gui::OrderEditorDialog::MembershipColumn))
                            number->setText(QStringLiteral("M-99999"));
                    editor->confirmOrder();
                    QCoreApplication::processEvents();
                    saved = editor->grab().save(dir + QStringLiteral("/order-editor.png")) && saved;
                    editor->reject();
                }
            }
            // The Reports window with today's day sheet chosen, and that sheet as PDF (scripts/screenshots renders
            // its first page into docs/reports); then the drawer count staff fill in at close.
            gui::ReportsDialog reportsDialog(&repos, database.get(), *staff, 0, &window);
            auto* kind = reportsDialog.findChild<QComboBox*>(QStringLiteral("reportCombo"));
            kind->setCurrentIndex(kind->findData(int(reports::ReportRequest::Kind::DaySheet)));
            reportsDialog.show();
            QCoreApplication::processEvents();
            saved = reportsDialog.grab().save(dir + QStringLiteral("/reports.png")) && saved;
            saved = reportsDialog.exportPdf(dir + QStringLiteral("/day-sheet-demo.pdf")) && saved;
            reportsDialog.hide();
            QString workstationError;
            const QString workstation = repos.orders.workstationPrefix(&workstationError);
            if (!workstationError.isEmpty()) {
                QTextStream(stderr)
                    << QCoreApplication::translate("main", "foyer: screenshots: %1").arg(workstationError) << Qt::endl;
                QCoreApplication::exit(1);
                return;
            }
            gui::CashCountDialog countDialog(&repos.cashDrawers, workstation, staff->id, &window);
            countDialog.show();
            QCoreApplication::processEvents();
            saved = countDialog.grab().save(dir + QStringLiteral("/cash-count.png")) && saved;
            countDialog.hide();
            // The window locked (Ctrl+L) over the open profile: nothing of it shows.
            window.lock();
            QCoreApplication::processEvents();
            saved = window.grab().save(dir + QStringLiteral("/lock-screen.png")) && saved;
            QTextStream(saved ? stdout : stderr)
                << (saved ? QCoreApplication::translate("main", "Screenshots written to %1").arg(dir)
                          : QCoreApplication::translate("main", "Cannot write the screenshots to %1").arg(dir))
                << Qt::endl;
            QCoreApplication::exit(saved ? 0 : 1);
        });
    }
    return app->exec();
}
