// The Reports window exporting a large report from a seeded database, the way a manager does it: the button, the save
// dialog, the worker thread. Closing the window in the middle of an export must not touch the deleted window (the
// window deletes itself on close); run it under ASan (FOYER_SANITIZE) to see a use-after-free if it did. Cancelling
// leaves no half-written file, and a full disk is reported with its cause.
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
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

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

    // Answers the save dialog the export button opens with path. Timers, because with a nested event loop the click
    // would not return until the export ends.
    static void answerSaveDialogWith(const QString& path)
    {
        auto* timer = new QTimer(qApp);
        timer->setInterval(5);
        connect(timer, &QTimer::timeout, timer, [timer, path] {
            auto* save = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
            if (!save)
                return;
            timer->deleteLater();
            save->selectFile(path);
            static_cast<QDialog*>(save)->accept(); // public there, QFileDialog's own override
        });
        timer->start();
    }

    // Clicks the named button of the window once the PDF export is painting pages, well before the last.
    static void clickMidExport(QPointer<gui::ReportsDialog> dialog, const char* button, bool* clicked)
    {
        auto* timer = new QTimer(qApp);
        timer->setInterval(5);
        connect(timer, &QTimer::timeout, timer, [timer, dialog, button, clicked] {
            if (!dialog) {
                timer->deleteLater();
                return;
            }
            const auto* bar = dialog->findChild<QProgressBar*>(QStringLiteral("progressBar"));
            if (bar->isHidden() || bar->maximum() < 1 || bar->value() < 1)
                return;
            timer->deleteLater();
            *clicked = bar->value() < bar->maximum();
            QTest::mouseClick(dialog->findChild<QPushButton*>(QString::fromLatin1(button)), Qt::LeftButton);
        });
        timer->start();
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
        answerSaveDialogWith(path);
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("csvButton")), Qt::LeftButton);
        auto* message = dialog->findChild<QLabel*>(QStringLiteral("messageLabel"));
        QTRY_VERIFY_WITH_TIMEOUT(message->text().startsWith(QStringLiteral("Saved")), 60000);
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
        bool midExport = false;
        answerSaveDialogWith(path);
        clickMidExport(dialog, "cancelButton", &midExport);
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("pdfButton")), Qt::LeftButton);
        auto* message = dialog->findChild<QLabel*>(QStringLiteral("messageLabel"));
        QTRY_VERIFY_WITH_TIMEOUT(message->text().startsWith(QStringLiteral("Cancelled")), 120000);
        QVERIFY2(midExport, "the export ended before it could be cancelled: seed more donations");
        QVERIFY(!QFile::exists(path));
        QVERIFY(dialog->findChild<QPushButton*>(QStringLiteral("pdfButton"))->isEnabled());
        dialog->reject();
        QTRY_VERIFY(!dialog);
    }

    void closingTheWindowMidExportIsSafe()
    {
        QPointer<gui::ReportsDialog> dialog = openReports();
        QVERIFY(dialog);
        const QString path = m_dir.filePath(QStringLiteral("closed.pdf"));
        bool midExport = false;
        answerSaveDialogWith(path);
        clickMidExport(dialog, "closeButton", &midExport);
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("pdfButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 120000); // deleted on close, while the worker was painting
        QVERIFY2(midExport, "the export ended before the window closed: seed more donations");
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
