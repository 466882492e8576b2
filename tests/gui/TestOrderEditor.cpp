// The order editor and the member import through the real widgets: seats from the map (mouse-free, by keyboard)
// and typed, a pay type per seat, membership credits checked on "Update and confirm" with the error in its row.
#include "Database.h"
#include "DemoDataWriter.h"
#include "MainWindow.h"
#include "MemberImportDialog.h"
#include "OrderEditorDialog.h"
#include "PasswordHasher.h"
#include "PatronFixtures.h"
#include "PatronProfileWidget.h"
#include "ReportsDialog.h"
#include "Repositories.h"
#include "SeatMapView.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialog>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace foyer;

class TestOrderEditor : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::Repositories> m_repos;
    std::unique_ptr<gui::MainWindow> m_window;
    QString m_adaId;
    QString m_performance;
    QString m_confirmation; // the order the credit test confirms; the refund test refunds a seat of it
    QString m_secondPerformance;
    core::StaffMember m_staff;

    int count(const QString& sql)
    {
        QSqlQuery q(m_db->connection());
        if (!q.exec(sql) || !q.next())
            qFatal("count failed: %s", qPrintable(sql));
        return q.value(0).toInt();
    }
    gui::OrderEditorDialog* openEditor()
    {
        m_window->openPatron(m_adaId);
        auto* profile = m_window->findChild<gui::PatronProfileWidget*>(QStringLiteral("patronProfile"));
        QTest::mouseClick(profile->findChild<QPushButton*>(QStringLiteral("newOrderButton")), Qt::LeftButton);
        gui::OrderEditorDialog* editor = nullptr;
        if (!QTest::qWaitFor([&] {
                editor = profile->findChild<gui::OrderEditorDialog*>(QStringLiteral("orderEditor"));
                return editor && editor->isVisible();
            }))
            return nullptr;
        return editor;
    }
    QTableWidget* lines(QWidget* editor) { return editor->findChild<QTableWidget*>(QStringLiteral("linesTable")); }
    void setPayType(QWidget* editor, int row, const char* payType, const QString& membership = QString())
    {
        auto* combo = editor->findChild<QComboBox*>(QStringLiteral("payType%1").arg(row));
        QVERIFY(combo);
        combo->setCurrentIndex(combo->findData(QString::fromLatin1(payType)));
        if (!membership.isEmpty())
            lines(editor)->item(row, gui::OrderEditorDialog::MembershipColumn)->setText(membership);
    }
    QString editorShow()
    {
        QSqlQuery q(m_db->connection());
        if (!q.exec(QStringLiteral("SELECT show_id FROM performance WHERE id = '") + m_performance +
                    QStringLiteral("'")) ||
            !q.next())
            qFatal("no show for the performance");
        return q.value(0).toString();
    }
    // The row's password field as the table shows it now (a refilled table replaces its fields).
    QLineEdit* passwordField(QWidget* editor, int row)
    {
        return qobject_cast<QLineEdit*>(lines(editor)->cellWidget(row, gui::OrderEditorDialog::MemberPasswordColumn));
    }
    // The payment step "Update and confirm" opens when money is due: each reference typed, cash left at the exact
    // amount, Enter completes.
    static void payByKeyboard(QWidget* editor)
    {
        QWidget* dialog = nullptr;
        QVERIFY(QTest::qWaitFor([&] {
            dialog = editor->findChild<QDialog*>(QStringLiteral("paymentDialog"));
            return dialog && dialog->isVisible();
        }));
        for (QLineEdit* field : dialog->findChildren<QLineEdit*>())
            if (field->objectName().startsWith(QLatin1String("reference_")))
                QTest::keyClicks(field, field->objectName() == QLatin1String("reference_check")
                                            ? QStringLiteral("1001")
                                            : QStringLiteral("AP-1"));
        QTest::keyClick(dialog->findChild<QLineEdit*>(), Qt::Key_Return);
        QTRY_VERIFY(!editor->findChild<QDialog*>(QStringLiteral("paymentDialog")));
    }
    QString problemIn(QWidget* editor, int row)
    {
        return lines(editor)->item(row, gui::OrderEditorDialog::ProblemColumn)->text();
    }

    gui::OrderEditorDialog* openConfirmedOrder(const core::StaffMember& staff)
    {
        m_window->setStaff(staff);
        auto* tabs = m_window->findChild<QTabWidget*>(QStringLiteral("profileTabs"));
        while (tabs->count() > 0)
            emit tabs->tabCloseRequested(0);
        m_window->openPatron(m_adaId);
        auto* profile = qobject_cast<gui::PatronProfileWidget*>(tabs->currentWidget());
        profile->findChild<QTabWidget*>(QStringLiteral("profileSections"))
            ->setCurrentIndex(gui::PatronProfileWidget::OrdersSection);
        profile->loadSection(gui::PatronProfileWidget::OrdersSection);
        auto* orders = profile->findChild<QTableWidget*>(QStringLiteral("ordersTable"));
        for (int r = 0; r < orders->rowCount(); ++r)
            if (orders->item(r, 1)->text() == m_confirmation)
                orders->selectRow(r);
        QTest::mouseClick(profile->findChild<QPushButton*>(QStringLiteral("orderDetailsButton")), Qt::LeftButton);
        gui::OrderEditorDialog* editor = nullptr;
        if (!QTest::qWaitFor([&] {
                editor = profile->findChild<gui::OrderEditorDialog*>(QStringLiteral("orderEditor"));
                return editor && editor->isVisible();
            }))
            return nullptr;
        return editor;
    }

private slots:
    void initTestCase()
    {
        storage::DatabaseError error;
        m_db = storage::Database::open(m_dir.filePath(QStringLiteral("editor.db")), QByteArray(32, '\x71'),
                                       storage::Database::Mode::CreateNew, &error);
        QVERIFY2(m_db, qPrintable(error.message));
        m_repos = std::make_unique<storage::Repositories>(m_db->connection());
        m_adaId = testing::addPatron(m_repos->patrons, QStringLiteral("Ada"), QStringLiteral("Lovelace"),
                                     QStringLiteral("ada@analytical.example"), QString());
        QString e;
        QString csv = QStringLiteral("section,row,seat,x,y\n");
        for (const char* row : {"A", "B"})
            for (int s = 1; s <= 6; ++s)
                csv += QStringLiteral("Stalls,%1,%2,%2,%3\n").arg(QString::fromLatin1(row)).arg(s).arg(row[0] - 'A');
        const QString hall = m_repos->venue.importSeatMap(QStringLiteral("Studio"), csv, &e);
        QVERIFY2(!hall.isEmpty(), qPrintable(e));
        const QString show = m_repos->venue.addShow(QStringLiteral("The Tempest"), QStringLiteral("2026/27"), &e);
        const QDateTime tomorrow = QDateTime::currentDateTimeUtc().addDays(1);
        m_performance = m_repos->venue.addPerformance(show, hall, tomorrow, {}, &e);
        QVERIFY(!m_repos->venue.addPriceType(show, QStringLiteral("Adult"), 4500, &e).isEmpty());
        QVERIFY(!m_repos->venue.addPriceType(show, QStringLiteral("Premium"), 5200, &e).isEmpty());
        m_secondPerformance = m_repos->venue.addPerformance(show, hall, tomorrow.addDays(1), {}, &e);
        QVERIFY2(!m_secondPerformance.isEmpty(), qPrintable(e));
        QVERIFY(!m_repos->venue.addBenefitLevel(QStringLiteral("Friend"), true, {show}, &e).isEmpty());
        // Ada is a Friend with two seat credits for the show; a pop-up note greets whoever sells to her.
        storage::DemoDataWriter writer(m_db->connection());
        core::Membership membership;
        membership.id = core::UuidV7::generateText();
        membership.membershipNumber = QStringLiteral("M-500");
        membership.levelName = QStringLiteral("Friend");
        membership.validFrom = QDate::currentDate().addMonths(-1);
        membership.validUntil = QDate::currentDate().addMonths(11);
        QVERIFY(writer.addMembership(m_adaId, membership, QString(), &e));
        QVERIFY(writer.addMembershipCredits(membership.id, {show}, 2, &e));
        core::StaffMember staff;
        staff.id = core::UuidV7::generateText();
        staff.username = QStringLiteral("mo");
        staff.displayName = QStringLiteral("Mo Manager");
        staff.email = QStringLiteral("mo@venue.example");
        staff.role = core::StaffMember::Role::Manager;
        QVERIFY(m_repos->staff.create(staff, QStringLiteral("$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA"), &e));
        QVERIFY(writer.addNote(m_adaId, QStringLiteral("Needs an aisle seat"), true, staff.id, &e));

        m_window = std::make_unique<gui::MainWindow>(m_repos.get());
        m_staff = staff;
        m_window->setStaff(staff);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void seatsFromTheKeyboardAndTypedAndTheNoteThatPopsUp()
    {
        auto* editor = openEditor();
        QVERIFY(editor);
        QVERIFY(editor->findChild<QLabel*>(QStringLiteral("popUpNotesBanner"))
                    ->text()
                    .contains(QStringLiteral("aisle seat")));
        auto* map = editor->findChild<gui::SeatMapView*>(QStringLiteral("seatMap"));
        map->setFocus();
        QTest::keyClick(map, Qt::Key_Right); // from A1 to A2
        QTest::keyClick(map, Qt::Key_Space);
        QCOMPARE(editor->order().lines.size(), 1);
        QCOMPARE(editor->order().lines.constFirst().seatLabel, QStringLiteral("Stalls A2"));
        QCOMPARE(map->stateOf(editor->order().lines.constFirst().seatId), gui::SeatMapView::State::InOrder);
        QTest::keyClick(map, Qt::Key_Space); // again: the seat leaves the order
        QVERIFY(editor->order().lines.isEmpty());

        auto* seats = editor->findChild<QLineEdit*>(QStringLiteral("seatEntryField"));
        QTest::keyClicks(seats, QStringLiteral("B9"));
        QTest::keyClick(seats, Qt::Key_Return);
        QVERIFY(editor->order().lines.isEmpty());
        QVERIFY(editor->findChild<QLabel*>(QStringLiteral("seatEntryProblem"))
                    ->text()
                    .contains(QStringLiteral("no seat B9")));
        seats->clear();
        QTest::keyClicks(seats, QStringLiteral("A1-3"));
        QTest::keyClick(seats, Qt::Key_Return);
        QCOMPARE(editor->order().lines.size(), 3);
        QVERIFY(editor->findChild<QLabel*>(QStringLiteral("totalsLabel"))
                    ->text()
                    .contains(QLocale().toString(135.0, 'f', 2)));
        editor->reject();
    }

    void membershipCreditsAreCheckedOnConfirm()
    {
        auto* editor = openEditor();
        QVERIFY(editor);
        QVERIFY(editor->addTypedSeats(QStringLiteral("A1-4")));
        for (int row = 0; row < 3; ++row)
            setPayType(editor, row, "membership", QStringLiteral("M-500"));
        setPayType(editor, 3, "cash");
        QVERIFY(editor->findChild<QLabel*>(QStringLiteral("totalsLabel"))
                    ->text()
                    .contains(QStringLiteral("Membership: 3 seat")));
        QTest::mouseClick(editor->findChild<QPushButton*>(QStringLiteral("confirmOrderButton")), Qt::LeftButton);
        // Two credits, three membership seats: the third row says why; nothing is written.
        QVERIFY(problemIn(editor, 0).isEmpty());
        QVERIFY(problemIn(editor, 1).isEmpty());
        QVERIFY2(problemIn(editor, 2).contains(QStringLiteral("Not enough seat credits left for this show")),
                 qPrintable(problemIn(editor, 2)));
        QVERIFY(editor->findChild<QLabel*>(QStringLiteral("statusValue"))->text().contains(QStringLiteral("Not")));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM \"order\"")), 0);

        // Staff switch that seat to a card and confirm: the order is confirmed and two credits are used.
        setPayType(editor, 2, "credit_card");
        QVERIFY(problemIn(editor, 2).isEmpty());
        QTest::mouseClick(editor->findChild<QPushButton*>(QStringLiteral("confirmOrderButton")), Qt::LeftButton);
        payByKeyboard(editor);
        QVERIFY2(editor->findChild<QLabel*>(QStringLiteral("statusValue"))->text() == QStringLiteral("Complete"),
                 qPrintable(editor->findChild<QLabel*>(QStringLiteral("statusValue"))->text()));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM membership_seat_use")), 2);
        QCOMPARE(count(QStringLiteral("SELECT sum(price_minor) FROM order_line")), 9000);
        auto* map = editor->findChild<gui::SeatMapView*>(QStringLiteral("seatMap"));
        QCOMPARE(map->stateOf(editor->order().lines.constFirst().seatId), gui::SeatMapView::State::InOrder);
        QVERIFY(!editor->findChild<QPushButton*>(QStringLiteral("confirmOrderButton"))->isEnabled());
        const QString confirmation = editor->order().confirmationNumber;
        m_confirmation = confirmation;
        editor->reject();

        // A second order: the confirmed seats are sold on the map and cannot be typed in.
        editor = openEditor();
        QVERIFY(editor);
        map = editor->findChild<gui::SeatMapView*>(QStringLiteral("seatMap"));
        QVERIFY(!editor->addTypedSeats(QStringLiteral("A2")));
        QVERIFY(editor->findChild<QLabel*>(QStringLiteral("seatEntryProblem"))
                    ->text()
                    .contains(QStringLiteral("already sold")));
        QVERIFY(editor->addTypedSeats(QStringLiteral("B1")));
        setPayType(editor, 0, "membership", QStringLiteral("M-500"));
        QVERIFY(!editor->confirmOrder()); // M-500's credits are used up for this show
        QVERIFY(problemIn(editor, 0).contains(QStringLiteral("0 left")));
        editor->reject();
        // The profile shows the order and its history.
        QVERIFY(m_repos->activity.history(m_adaId, nullptr).constFirst().summary.contains(confirmation));
    }

    void refundOneSeatAsAManagerOnly()
    {
        core::StaffMember boxOffice;
        boxOffice.id = core::UuidV7::generateText();
        boxOffice.username = QStringLiteral("bo");
        boxOffice.displayName = QStringLiteral("Bo Office");
        QString e;
        QVERIFY(m_repos->staff.create(boxOffice, QStringLiteral("$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA"), &e));
        const core::StaffMember manager = m_staff;
        QVERIFY(!m_confirmation.isEmpty());

        // Box office: refused, nothing changes.
        auto* editor = openConfirmedOrder(boxOffice);
        QVERIFY(editor);
        QCOMPARE(editor->order().confirmationNumber, m_confirmation);
        QVERIFY(editor->findChild<QPushButton*>(QStringLiteral("refundButton"))->isVisible());
        lines(editor)->selectRow(0);
        const QString seatId = editor->order().lines.at(0).seatId;
        QTest::mouseClick(editor->findChild<QPushButton*>(QStringLiteral("refundButton")), Qt::LeftButton);
        auto* reason = editor->findChild<QDialog*>(QStringLiteral("refundDialog"));
        QTRY_VERIFY(reason && reason->isVisible());
        QTest::keyClicks(reason->findChild<QLineEdit*>(QStringLiteral("reasonField")), QStringLiteral("Unwell"));
        QTest::mouseClick(reason->findChild<QPushButton*>(QStringLiteral("confirmButton")), Qt::LeftButton);
        QVERIFY(reason->isVisible());
        QVERIFY(reason->findChild<QLabel*>(QStringLiteral("problemLabel"))->text().contains(QStringLiteral("manager")));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM order_line WHERE status = 'refunded'")), 0);
        reason->reject();
        editor->reject();

        // A manager refunds that seat: it is free on the map and the refund is in the patron's history.
        editor = openConfirmedOrder(manager);
        QVERIFY(editor);
        lines(editor)->selectRow(0);
        QTest::mouseClick(editor->findChild<QPushButton*>(QStringLiteral("refundButton")), Qt::LeftButton);
        reason = editor->findChild<QDialog*>(QStringLiteral("refundDialog"));
        QTRY_VERIFY(reason && reason->isVisible());
        QTest::keyClicks(reason->findChild<QLineEdit*>(QStringLiteral("reasonField")), QStringLiteral("Unwell"));
        QTest::mouseClick(reason->findChild<QPushButton*>(QStringLiteral("confirmButton")), Qt::LeftButton);
        QTRY_VERIFY(!editor->findChild<QDialog*>(QStringLiteral("refundDialog")));
        auto* map = editor->findChild<gui::SeatMapView*>(QStringLiteral("seatMap"));
        QCOMPARE(map->stateOf(seatId), gui::SeatMapView::State::Free);
        QCOMPARE(editor->order().lines.size(), 3);
        QCOMPARE(m_repos->activity.history(m_adaId, nullptr).constFirst().kind, QStringLiteral("refund"));
        QVERIFY(m_repos->activity.history(m_adaId, nullptr).constFirst().summary.contains(QStringLiteral("Unwell")));

        // Its tickets and receipt print (to PDF here) with the confirmation number on them.
        const QString pdf = m_dir.filePath(QStringLiteral("tickets.pdf"));
        QVERIFY(editor->exportTicketsPdf(pdf));
        QProcess text;
        text.start(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
        QVERIFY(text.waitForFinished());
        QVERIFY(QString::fromUtf8(text.readAllStandardOutput()).contains(m_confirmation));
        editor->reject();
    }

    void exchangeASeatAndVoidAnUnpaidOrder()
    {
        auto* editor = openConfirmedOrder(m_staff);
        QVERIFY(editor);
        // Row 1 is the card seat (row 0 is the remaining membership seat).
        QCOMPARE(editor->order().lines.at(1).payType, QStringLiteral("credit_card"));
        lines(editor)->selectRow(1);
        QTest::mouseClick(editor->findChild<QPushButton*>(QStringLiteral("exchangeButton")), Qt::LeftButton);
        auto* dialog = editor->findChild<QDialog*>(QStringLiteral("exchangeDialog"));
        QTRY_VERIFY(dialog && dialog->isVisible());
        auto* prices = dialog->findChild<QComboBox*>(QStringLiteral("priceTypeCombo"));
        prices->setCurrentIndex(prices->findData(qint64(5200)));
        QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("differenceLabel"))
                    ->text()
                    .contains(QLocale().toString(7.0, 'f', 2)));
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("seatField")), QStringLiteral("B6"));
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("reasonField")), QStringLiteral("Wants Friday"));
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("exchangeButton")), Qt::LeftButton);
        QTRY_VERIFY(!editor->findChild<QDialog*>(QStringLiteral("exchangeDialog")));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM order_line WHERE status = 'exchanged'")), 1);
        QCOMPARE(
            count(QStringLiteral("SELECT count(*) FROM order_line WHERE status = 'active' AND performance_id = '") +
                  m_secondPerformance + QStringLiteral("'")),
            1);
        QCOMPARE(m_repos->activity.history(m_adaId, nullptr).constFirst().kind, QStringLiteral("exchange"));
        editor->reject();

        // An order saved but never paid is voided, and its seat comes free.
        editor = openEditor();
        QVERIFY(editor);
        QVERIFY(editor->addTypedSeats(QStringLiteral("B5")));
        QVERIFY(editor->saveOrder());
        const QString seatId = editor->order().lines.constFirst().seatId;
        auto* voidButton = editor->findChild<QPushButton*>(QStringLiteral("voidButton"));
        QVERIFY(voidButton->isVisible());
        QTest::mouseClick(voidButton, Qt::LeftButton);
        auto* reason = editor->findChild<QDialog*>(QStringLiteral("voidDialog"));
        QTRY_VERIFY(reason && reason->isVisible());
        QTest::keyClicks(reason->findChild<QLineEdit*>(QStringLiteral("reasonField")), QStringLiteral("Walked off"));
        QTest::mouseClick(reason->findChild<QPushButton*>(QStringLiteral("confirmButton")), Qt::LeftButton);
        QTRY_VERIFY(!editor->findChild<QDialog*>(QStringLiteral("voidDialog")));
        QCOMPARE(editor->order().internalStatus, QStringLiteral("void"));
        QCOMPARE(editor->findChild<gui::SeatMapView*>(QStringLiteral("seatMap"))->stateOf(seatId),
                 gui::SeatMapView::State::Free);
        editor->reject();
    }

    void reportsWindowExportsForManagers()
    {
        m_window->setStaff(m_staff); // a manager
        m_window->findChild<QAction*>(QStringLiteral("reportsAction"))->trigger();
        auto* dialog = m_window->findChild<gui::ReportsDialog*>(QStringLiteral("reportsDialog"));
        QTRY_VERIFY(dialog && dialog->isVisible());
        const QString csv = m_dir.filePath(QStringLiteral("report.csv"));
        const QString pdf = m_dir.filePath(QStringLiteral("report.pdf"));
        QVERIFY(dialog->exportCsv(csv));
        QVERIFY(dialog->exportPdf(pdf));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
        QVERIFY(bytes.contains("Every donation"));
        QVERIFY(QFileInfo(pdf).size() > 1000);
        dialog->reject();

        // Count the drawer at close from the Box office menu: a typo is refused at the field, then saved.
        m_window->findChild<QAction*>(QStringLiteral("cashCountAction"))->trigger();
        auto* count = m_window->findChild<QDialog*>(QStringLiteral("cashCountDialog"));
        QTRY_VERIFY(count && count->isVisible());
        count->findChild<QLineEdit*>(QStringLiteral("floatField"))->setText(QStringLiteral("100"));
        QTest::keyClicks(count->findChild<QLineEdit*>(QStringLiteral("countedField")), QStringLiteral("12o.50"));
        QTest::mouseClick(count->findChild<QPushButton*>(QStringLiteral("saveButton")), Qt::LeftButton);
        QVERIFY(count->isVisible());
        QVERIFY(count->findChild<QLabel*>(QStringLiteral("messageLabel"))->text().contains(QStringLiteral("cash")));
        count->findChild<QLineEdit*>(QStringLiteral("countedField"))->setText(QStringLiteral("120.50"));
        QTest::mouseClick(count->findChild<QPushButton*>(QStringLiteral("saveButton")), Qt::LeftButton);
        QTRY_VERIFY(!m_window->findChild<QDialog*>(QStringLiteral("cashCountDialog")));

        // The day sheet, chosen in the window, carries the count; this time the export reads the file on the worker
        // thread through a connection of its own, as the app does.
        m_window->setDatabase(m_db.get());
        m_window->findChild<QAction*>(QStringLiteral("reportsAction"))->trigger();
        QTRY_VERIFY((dialog = m_window->findChild<gui::ReportsDialog*>(QStringLiteral("reportsDialog"))));
        auto* kind = dialog->findChild<QComboBox*>(QStringLiteral("reportCombo"));
        kind->setCurrentIndex(kind->findText(QStringLiteral("Box office day sheet")));
        QVERIFY(dialog->findChild<QComboBox*>(QStringLiteral("workstationCombo"))->isVisible());
        QVERIFY(!dialog->findChild<QDateEdit*>(QStringLiteral("toField"))->isVisible());
        QVERIFY(dialog->exportCsv(csv));
        QFile sheet(csv);
        QVERIFY(sheet.open(QIODevice::ReadOnly));
        const QByteArray sheetBytes = sheet.readAll();
        QVERIFY2(sheetBytes.contains("Cash drawers") && sheetBytes.contains("120.50"), sheetBytes.constData());
        dialog->reject();
    }

    void memberImportDryRunThenImport()
    {
        const QString path = m_dir.filePath(QStringLiteral("members.csv"));
        const auto write = [&path](const QString& text) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(text.toUtf8());
        };
        const QString header =
            QStringLiteral("membership_number,name,email,password,benefit_level,valid_from,valid_until,credits\n");
        write(header + QStringLiteral("M-600,Bob Ray,bob@example,,Friend,2026-09-01,2027-08-31,The Tempest=2\n"));
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        m_window->findChild<QAction*>(QStringLiteral("importMembersAction"))->trigger();
        auto* dialog = m_window->findChild<gui::MemberImportDialog*>(QStringLiteral("memberImportDialog"));
        QTRY_VERIFY(dialog && dialog->isVisible());
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("fileField")), path);
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("dryRunButton")), Qt::LeftButton);
        auto* report = dialog->findChild<QTableWidget*>(QStringLiteral("reportTable"));
        QCOMPARE(report->rowCount(), 1);
        QVERIFY(report->item(0, 3)->text().contains(QStringLiteral("bad email")));
        QVERIFY(!dialog->findChild<QPushButton*>(QStringLiteral("importButton"))->isEnabled());
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM membership")), 1);

        write(header + QStringLiteral("M-600,Bob Ray,bob@example.org,,Friend,2026-09-01,2027-08-31,The Tempest=2\n"));
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("dryRunButton")), Qt::LeftButton);
        QCOMPARE(report->item(0, 3)->text(), QStringLiteral("OK"));
        auto* importButton = dialog->findChild<QPushButton*>(QStringLiteral("importButton"));
        QVERIFY(importButton->isEnabled());
        QTest::mouseClick(importButton, Qt::LeftButton);
        QVERIFY(
            dialog->findChild<QLabel*>(QStringLiteral("summaryLabel"))->text().contains(QStringLiteral("Imported 1")));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM membership WHERE membership_number = 'M-600'")), 1);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM email_request WHERE template = 'member_set_password'")), 1);
        dialog->reject();
    }

    void typedMemberPasswordsAreKeptUntilTheOrderIsConfirmed()
    {
        // Two memberships under one household email: with order-time authentication every seat needs its password.
        storage::DemoDataWriter writer(m_db->connection());
        QString e;
        const QString show = editorShow();
        for (const auto& [number, password] :
             {std::pair{"H-600", "kim's long secret"}, std::pair{"H-601", "lee's long secret"}}) {
            core::Membership membership;
            membership.id = core::UuidV7::generateText();
            membership.membershipNumber = QString::fromLatin1(number);
            membership.levelName = QStringLiteral("Friend");
            membership.validFrom = QDate::currentDate().addMonths(-1);
            membership.validUntil = QDate::currentDate().addMonths(11);
            QVERIFY2(writer.addMembership(m_adaId, membership, QString(), &e), qPrintable(e));
            QVERIFY2(writer.addMembershipCredits(membership.id, {show}, 1, &e), qPrintable(e));
            QSqlQuery q(m_db->connection());
            q.prepare(QStringLiteral("UPDATE membership SET member_email = 'home@example.org', password_hash = ? WHERE "
                                     "id = ?"));
            q.addBindValue(security::PasswordHasher::hash(core::SecureBuffer::fromUtf8(QString::fromUtf8(password))));
            q.addBindValue(membership.id);
            QVERIFY(q.exec());
        }
        gui::OrderEditorContext context = gui::OrderEditorContext::forStaff(m_repos.get(), m_staff);
        context.memberAuthentication = true;
        gui::OrderEditorDialog editor(context);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        QVERIFY(editor.addTypedSeats(QStringLiteral("B2-4")));
        // Kim's seat, then two of Lee's (Lee has one credit): each with email and password, typed.
        const QStringList numbers = {QStringLiteral("H-600"), QStringLiteral("H-601"), QStringLiteral("H-601")};
        const QStringList passwords = {QStringLiteral("kim's long secret"), QStringLiteral("lee's long secret"),
                                       QStringLiteral("lee's long secret")};
        for (int row = 0; row < 3; ++row) {
            setPayType(&editor, row, "membership", numbers.at(row));
            auto* email =
                qobject_cast<QLineEdit*>(lines(&editor)->cellWidget(row, gui::OrderEditorDialog::MemberEmailColumn));
            QLineEdit* password = passwordField(&editor, row);
            QVERIFY(email && password);
            QTest::keyClicks(email, QStringLiteral("home@example.org"));
            QTest::keyClicks(password, passwords.at(row));
        }
        const int usedBefore = count(QStringLiteral("SELECT count(*) FROM membership_seat_use"));
        QTest::keyClick(editor.findChild<QPushButton*>(QStringLiteral("confirmOrderButton")), Qt::Key_Space);
        QVERIFY2(problemIn(&editor, 2).contains(QStringLiteral("Not enough seat credits")),
                 qPrintable(problemIn(&editor, 2)));
        QVERIFY(problemIn(&editor, 0).isEmpty());
        QVERIFY(problemIn(&editor, 1).isEmpty());
        // The passwords typed are kept (not shown again): the fields say so.
        for (int row = 0; row < 3; ++row)
            QVERIFY(!passwordField(&editor, row)->placeholderText().isEmpty());

        // Lee's second seat goes on a card, by keyboard: the other two seats confirm without typing again.
        auto* payType = editor.findChild<QComboBox*>(QStringLiteral("payType2"));
        payType->setFocus();
        while (payType->currentData().toString() != QLatin1String("credit_card") && payType->currentIndex() > 0)
            QTest::keyClick(payType, Qt::Key_Up);
        QCOMPARE(payType->currentData().toString(), QStringLiteral("credit_card"));
        QTest::keyClick(editor.findChild<QPushButton*>(QStringLiteral("confirmOrderButton")), Qt::Key_Space);
        payByKeyboard(&editor);
        QVERIFY2(editor.findChild<QLabel*>(QStringLiteral("statusValue"))->text() == QStringLiteral("Complete"),
                 qPrintable(problemIn(&editor, 0) + u'|' + problemIn(&editor, 1) + u'|' +
                            editor.findChild<QLabel*>(QStringLiteral("problemLabel"))->text()));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM membership_seat_use")), usedBefore + 2);
        // Confirmed: the passwords are wiped, none is kept for any seat.
        for (int row = 0; row < 3; ++row)
            QVERIFY(passwordField(&editor, row)->placeholderText().isEmpty());
        editor.reject();
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_repos.reset();
        m_db.reset();
    }
};

QTEST_MAIN(TestOrderEditor)
#include "TestOrderEditor.moc"
