// The Reports window exporting a large report from a seeded database, the way a manager does it: the button, the save
// dialog, the worker thread. Closing the window in the middle of an export must not touch the deleted window (the
// window deletes itself on close); run it under ASan (FOYER_SANITIZE) to see a use-after-free if it did. Cancelling
// leaves no half-written file, and a full disk is reported with its cause. The mid-export clicks are made while the
// worker is held after its first page (ReportsDialog's page hook), so they are mid-export on every run, and every wait
// is bounded: a step that does not happen fails the test instead of hanging it.
#include "Database.h"
#include "DemoDataWriter.h"
#include "MainWindow.h"
#include "PatronFixtures.h"
#include "ReportsDialog.h"
#include "Repositories.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QElapsedTimer>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <atomic>
#include <memory>

using namespace foyer;

class TestReportsWindow : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::Repositories> m_repos;
    std::unique_ptr<gui::MainWindow> m_window;
    static constexpr int Donations = 3000;

    // The window as the Reports action opens it (deleted on close), set to every donation of 2025.
    gui::ReportsDialog* openReports()
    {
        m_window->findChild<QAction*>(QStringLiteral("reportsAction"))->trigger();
        gui::ReportsDialog* dialog = nullptr;
        if (!QTest::qWaitFor([&] {
                dialog = m_window->findChild<gui::ReportsDialog*>(QStringLiteral("reportsDialog"));
                return dialog && dialog->isVisible();
            }))
            return nullptr;
        auto* kind = dialog->findChild<QComboBox*>(QStringLiteral("reportCombo"));
        kind->setCurrentIndex(kind->findData(int(reports::ReportRequest::Kind::Donations)));
        dialog->findChild<QDateEdit*>(QStringLiteral("fromField"))->setDate(QDate(2025, 1, 1));
        dialog->findChild<QDateEdit*>(QStringLiteral("toField"))->setDate(QDate(2025, 12, 31));
        dialog->findChild<QCheckBox*>(QStringLiteral("everyDonationCheck"))->setChecked(true);
        return dialog;
    }

    // How long any one step may take before the test fails instead of waiting on: a missed step fails, never hangs.
    static constexpr int StepMs = 30000;

    // Answers the save dialog the export button opens with path, as a user does: the full path typed into the file
    // name box, then Save. From a timer, because the click on the export button does not return while the dialog is
    // open. It keeps trying until the dialog has closed (the box can be refilled while the dialog settles), and if the
    // dialog is still open after StepMs it is rejected, so the click returns and the test fails on *answered.
    static std::shared_ptr<bool> answerSaveDialogWith(const QString& path)
    {
        auto answered = std::make_shared<bool>(false);
        auto* timer = new QTimer(qApp);
        timer->setInterval(5);
        QElapsedTimer since;
        since.start();
        connect(timer, &QTimer::timeout, timer, [timer, path, answered, since] {
            auto* save = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
            if (*answered && !save) {
                timer->deleteLater();
                return;
            }
            if (since.hasExpired(StepMs)) {
                timer->deleteLater();
                *answered = false;
                if (save)
                    save->reject();
                return;
            }
            if (!save)
                return;
            // Not selectFile(): it leaves the box alone while the box has focus, which depends on when the window
            // manager activates the dialog.
            auto* name = save->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"));
            if (!name)
                return;
            name->setText(path);
            *answered = true;
            static_cast<QDialog*>(save)->accept(); // public there, QFileDialog's own override
        });
        timer->start();
        return answered;
    }

    // What clickMidExport saw: filled in on the window's thread.
    struct MidExportClick
    {
        QPointer<gui::ReportsDialog> dialog;
        QString button;
        QSemaphore clicked; // released once the click has been made (or could not be)
        bool done = false;  // the button was clicked while the worker was held after page 1
        int barValue = 0;   // the progress bar then
        int barMaximum = 0;
        std::atomic_int pages = 0; // the page count the worker reported
    };

    // Clicks the named button of the window while its PDF export is held after its first page: the worker, in the
    // window's page hook, queues the click to the window's thread (whatever event loop runs there) and waits for it
    // before it looks at Cancel, so the click lands mid-export on every run. Every wait is bounded by StepMs: a
    // worker whose click never comes carries on, and the test fails on done.
    static std::shared_ptr<MidExportClick> clickMidExport(gui::ReportsDialog* dialog, const char* button)
    {
        auto click = std::make_shared<MidExportClick>();
        click->dialog = dialog;
        click->button = QString::fromLatin1(button);
        dialog->setPageHookForTesting([click](int page, int pages) {
            if (page != 1)
                return;
            click->pages = pages;
            // Queued after the page's progress update, so the bar shows page 1 by the time the click runs.
            QMetaObject::invokeMethod(
                qApp,
                [click] {
                    if (click->dialog) {
                        const auto* bar = click->dialog->findChild<QProgressBar*>(QStringLiteral("progressBar"));
                        click->barValue = bar->isVisible() ? bar->value() : -1;
                        click->barMaximum = bar->maximum();
                        auto* target = click->dialog->findChild<QPushButton*>(click->button);
                        if (target && target->isVisible() && target->isEnabled()) {
                            QTest::mouseClick(target, Qt::LeftButton);
                            click->done = true;
                        }
                    }
                    click->clicked.release();
                },
                Qt::QueuedConnection);
            click->clicked.tryAcquire(1, StepMs);
        });
        return click;
    }

    static void verifyClickedMidExport(const MidExportClick& click)
    {
        QVERIFY2(click.done, "the button was not clicked while the export was held after its first page");
        QVERIFY2(click.pages > 1, "the report has one page, so nothing was mid-export: seed more donations");
        QCOMPARE(click.barValue, 1);
        QCOMPARE(click.barMaximum, int(click.pages));
    }

private slots:
    void initTestCase()
    {
        storage::DatabaseError error;
        m_db = storage::Database::open(m_dir.filePath(QStringLiteral("reports.db")), QByteArray(32, '\x52'),
                                       storage::Database::Mode::CreateNew, &error);
        QVERIFY2(m_db, qPrintable(error.message));
        m_repos = std::make_unique<storage::Repositories>(m_db->connection());
        QStringList patrons;
        for (int p = 0; p < 40; ++p)
            patrons.append(testing::addPatron(m_repos->patrons, QStringLiteral("=Donor%1").arg(p),
                                              QStringLiteral("Family%1").arg(p), QString(), QString()));
        // A year of gifts, seeded: enough pages that an export is still painting when the window closes.
        storage::DemoDataWriter writer(m_db->connection());
        QString e;
        QVERIFY(writer.begin(&e));
        QRandomGenerator random(2025);
        bool ok = true;
        for (int n = 0; n < Donations && ok; ++n) {
            storage::DemoDataWriter::OrderSpec spec;
            spec.order.id = core::UuidV7::generateText();
            spec.order.confirmationNumber = QStringLiteral("D-%1").arg(n + 1);
            spec.order.category = QStringLiteral("donation");
            spec.order.channel = QStringLiteral("phone");
            spec.order.internalStatus = QStringLiteral("complete");
            spec.order.createdAt =
                QDateTime(QDate(2025, 1, 2).addDays(int(random.bounded(360))), QTime(12, 0), Qt::UTC);
            spec.donationMinor = 500 + qint64(random.bounded(100000));
            spec.donationStatus = QStringLiteral("Posted");
            ok = writer.addOrder(patrons.at(int(random.bounded(qsizetype(patrons.size())))), spec, &e);
        }
        QVERIFY2(writer.finish(ok, &e), qPrintable(e));

        core::StaffMember staff;
        staff.id = core::UuidV7::generateText();
        staff.username = QStringLiteral("mo");
        staff.displayName = QStringLiteral("Mo Manager");
        staff.email = QStringLiteral("mo@venue.example");
        staff.role = core::StaffMember::Role::Manager;
        QVERIFY(m_repos->staff.create(staff, QStringLiteral("$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA"), &e));
        m_window = std::make_unique<gui::MainWindow>(m_repos.get());
        m_window->setDatabase(m_db.get()); // exports read on the worker through their own connection, as in the app
        m_window->setStaff(staff);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void csvExportFromTheButtonFinishesAndSaysSaved()
    {
        QPointer<gui::ReportsDialog> dialog = openReports();
        QVERIFY(dialog);
        const QString path = m_dir.filePath(QStringLiteral("donations.csv"));
        const std::shared_ptr<bool> answered = answerSaveDialogWith(path);
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("csvButton")), Qt::LeftButton);
        QVERIFY2(*answered, "the save dialog was not answered");
        auto* message = dialog->findChild<QLabel*>(QStringLiteral("messageLabel"));
        QTRY_VERIFY_WITH_TIMEOUT(message->text().startsWith(QStringLiteral("Saved")), StepMs);
        QVERIFY(dialog->findChild<QPushButton*>(QStringLiteral("csvButton"))->isEnabled());
        QVERIFY(dialog->findChild<QProgressBar*>(QStringLiteral("progressBar"))->isHidden());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray csv = file.readAll();
        // A name a spreadsheet would run as a formula arrives as text.
        QVERIFY(csv.contains("'=Donor") && !csv.contains(",=Donor"));
        QVERIFY(csv.count("\r\n") > Donations);
        dialog->reject();
        QTRY_VERIFY(!dialog);
    }

    void aFullDiskIsReportedWithItsCause()
    {
        QPointer<gui::ReportsDialog> dialog = openReports();
        QVERIFY(dialog);
        QVERIFY(!dialog->exportCsv(QStringLiteral("/dev/full")));
        const QString message = dialog->findChild<QLabel*>(QStringLiteral("messageLabel"))->text();
        QVERIFY2(message.contains(QStringLiteral("No space left on device")), qPrintable(message));
        QVERIFY(dialog->findChild<QPushButton*>(QStringLiteral("pdfButton"))->isEnabled());
        dialog->reject();
        QTRY_VERIFY(!dialog);
    }

    void cancelMidExportLeavesNoFile()
    {
        QPointer<gui::ReportsDialog> dialog = openReports();
        QVERIFY(dialog);
        const QString path = m_dir.filePath(QStringLiteral("cancelled.pdf"));
        const std::shared_ptr<MidExportClick> click = clickMidExport(dialog, "cancelButton");
        const std::shared_ptr<bool> answered = answerSaveDialogWith(path);
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("pdfButton")), Qt::LeftButton);
        QVERIFY2(*answered, "the save dialog was not answered");
        auto* message = dialog->findChild<QLabel*>(QStringLiteral("messageLabel"));
        QTRY_VERIFY_WITH_TIMEOUT(message->text().startsWith(QStringLiteral("Cancelled")), StepMs);
        verifyClickedMidExport(*click);
        QVERIFY(!QFile::exists(path));
        QVERIFY(dialog->findChild<QPushButton*>(QStringLiteral("pdfButton"))->isEnabled());
        QVERIFY(dialog->findChild<QProgressBar*>(QStringLiteral("progressBar"))->isHidden());
        dialog->reject();
        QTRY_VERIFY(!dialog);
    }

    void closingTheWindowMidExportIsSafe()
    {
        QPointer<gui::ReportsDialog> dialog = openReports();
        QVERIFY(dialog);
        const QString path = m_dir.filePath(QStringLiteral("closed.pdf"));
        const std::shared_ptr<MidExportClick> click = clickMidExport(dialog, "closeButton");
        const std::shared_ptr<bool> answered = answerSaveDialogWith(path);
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("pdfButton")), Qt::LeftButton);
        QVERIFY2(*answered, "the save dialog was not answered");
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, StepMs); // deleted on close, while the worker was held after page 1
        verifyClickedMidExport(*click);
        QVERIFY(!QFile::exists(path)); // stopped, and the half-written file removed
        // The main window carries on: another export runs to the end.
        QPointer<gui::ReportsDialog> again = openReports();
        QVERIFY(again);
        const QString csv = m_dir.filePath(QStringLiteral("after.csv"));
        QVERIFY(again->exportCsv(csv));
        QVERIFY(QFile::exists(csv));
        again->reject();
        QTRY_VERIFY(!again);
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_repos.reset();
        m_db.reset();
    }
};

QTEST_MAIN(TestReportsWindow)
#include "TestReportsWindow.moc"
