// The payment step of "Update and confirm", driven by keyboard through the real order editor: cash with change,
// short cash refused, a card's approval code, a card number refused (and stored nowhere), a split across pay types,
// and Esc back to the order with nothing written.
#include "Database.h"
#include "OrderEditorDialog.h"
#include "PatronFixtures.h"
#include "Repositories.h"
#include "order/PaymentDialog.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace foyer;

class TestPaymentStep : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::Repositories> m_repos;
    core::StaffMember m_staff;
    std::unique_ptr<gui::OrderEditorDialog> m_editor;

    qint64 number(const QString& sql)
    {
        QSqlQuery q(m_db->connection());
        if (!q.exec(sql) || !q.next())
            qFatal("read failed: %s", qPrintable(sql));
        return q.value(0).toLongLong();
    }
    QString written()
    {
        QStringList counts;
        for (const char* table : {"\"order\"", "order_line", "payment", "sync_outbox", "history_event"})
            counts.append(QString::number(number(QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table)))));
        return counts.join(u',');
    }
    // A new walk-up order of the typed seats, each with its pay type.
    gui::OrderEditorDialog* newOrder(const QString& seats, const QStringList& payTypes)
    {
        m_editor = std::make_unique<gui::OrderEditorDialog>(gui::OrderEditorContext::forStaff(m_repos.get(), m_staff));
        m_editor->setObjectName(QStringLiteral("orderEditor"));
        m_editor->show();
        if (!QTest::qWaitForWindowExposed(m_editor.get()) || !m_editor->addTypedSeats(seats))
            return nullptr;
        for (int row = 0; row < payTypes.size(); ++row) {
            auto* combo = m_editor->findChild<QComboBox*>(QStringLiteral("payType%1").arg(row));
            if (!combo)
                return nullptr;
            combo->setCurrentIndex(combo->findData(payTypes.at(row)));
        }
        return m_editor.get();
    }
    // "Update and confirm" by keyboard; the payment step it opens, with the keyboard in it.
    gui::PaymentDialog* confirmByKeyboard(gui::OrderEditorDialog* editor)
    {
        auto* confirm = editor->findChild<QPushButton*>(QStringLiteral("confirmOrderButton"));
        confirm->setFocus();
        QTest::keyClick(confirm, Qt::Key_Space);
        gui::PaymentDialog* dialog = nullptr;
        if (!QTest::qWaitFor([&] {
                dialog = editor->findChild<gui::PaymentDialog*>(QStringLiteral("paymentDialog"));
                return dialog && dialog->isVisible();
            }))
            return nullptr;
        dialog->activateWindow();
        // The keyboard is in the step's first field.
        if (!QTest::qWaitFor(
                [&] { return QApplication::focusWidget() && QApplication::focusWidget()->window() == dialog; }))
            return nullptr;
        return dialog;
    }
    QString status(QWidget* editor) { return editor->findChild<QLabel*>(QStringLiteral("statusValue"))->text(); }
    QString problem(QWidget* dialog) { return dialog->findChild<QLabel*>(QStringLiteral("paymentProblem"))->text(); }
    // Types into whatever has focus, as staff would.
    void type(const QString& text) { QTest::keyClicks(QApplication::focusWidget(), text); }
    void key(Qt::Key k) { QTest::keyClick(QApplication::focusWidget(), k); }

private slots:
    void initTestCase()
    {
        storage::DatabaseError error;
        m_db = storage::Database::open(m_dir.filePath(QStringLiteral("payment.db")), QByteArray(32, '\x61'),
                                       storage::Database::Mode::CreateNew, &error);
        QVERIFY2(m_db, qPrintable(error.message));
        m_repos = std::make_unique<storage::Repositories>(m_db->connection());
        QString e;
        QString csv = QStringLiteral("section,row,seat,x,y\n");
        for (int s = 1; s <= 12; ++s)
            csv += QStringLiteral("Stalls,A,%1,%1,0\n").arg(s);
        const QString hall = m_repos->venue.importSeatMap(QStringLiteral("Studio"), csv, &e);
        QVERIFY2(!hall.isEmpty(), qPrintable(e));
        const QString show = m_repos->venue.addShow(QStringLiteral("The Tempest"), QStringLiteral("2026/27"), &e);
        QVERIFY(
            !m_repos->venue.addPerformance(show, hall, QDateTime::currentDateTimeUtc().addDays(1), {}, &e).isEmpty());
        QVERIFY(!m_repos->venue.addPriceType(show, QStringLiteral("Adult"), 4500, &e).isEmpty());
        m_staff.id = core::UuidV7::generateText();
        m_staff.username = QStringLiteral("bo");
        m_staff.displayName = QStringLiteral("Bo Office");
        m_staff.role = core::StaffMember::Role::BoxOffice;
        QVERIFY(m_repos->staff.create(m_staff, QStringLiteral("$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA"), &e));
    }

    void cashWithChange()
    {
        auto* editor = newOrder(QStringLiteral("A1-2"), {QStringLiteral("cash"), QStringLiteral("cash")});
        QVERIFY(editor);
        auto* dialog = confirmByKeyboard(editor);
        QVERIFY(dialog);
        QVERIFY(
            dialog->findChild<QLabel*>(QStringLiteral("due_cash"))->text().contains(QLocale().toString(90.0, 'f', 2)));
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("tendered_cash"));
        type(QStringLiteral("100"));
        QVERIFY2(dialog->findChild<QLabel*>(QStringLiteral("changeLabel"))
                     ->text()
                     .contains(QLocale().toString(10.0, 'f', 2)),
                 qPrintable(dialog->findChild<QLabel*>(QStringLiteral("changeLabel"))->text()));
        key(Qt::Key_Return);
        QTRY_VERIFY(!editor->findChild<gui::PaymentDialog*>(QStringLiteral("paymentDialog")));
        QCOMPARE(status(editor), QStringLiteral("Complete"));
        const QString order = editor->order().id;
        QCOMPARE(number(QStringLiteral("SELECT amount_minor FROM payment WHERE order_id = '%1'").arg(order)), 9000);
        QCOMPARE(number(QStringLiteral("SELECT tendered_minor FROM payment WHERE order_id = '%1'").arg(order)), 10000);
        QCOMPARE(number(QStringLiteral("SELECT change_minor FROM payment WHERE order_id = '%1'").arg(order)), 1000);
    }

    void shortCashIsRefusedAndEscWritesNothing()
    {
        auto* editor = newOrder(QStringLiteral("A3"), {QStringLiteral("cash")});
        QVERIFY(editor);
        const QString before = written();
        auto* dialog = confirmByKeyboard(editor);
        QVERIFY(dialog);
        type(QStringLiteral("40"));
        QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("changeLabel"))->text().contains(QStringLiteral("Short")));
        key(Qt::Key_Return);
        QVERIFY(dialog->isVisible());
        QVERIFY2(problem(dialog).contains(QStringLiteral("short")), qPrintable(problem(dialog)));
        QCOMPARE(written(), before);
        // Esc: back to the order, nothing written, the order still open and its seat still in it.
        key(Qt::Key_Escape);
        QTRY_VERIFY(!editor->findChild<gui::PaymentDialog*>(QStringLiteral("paymentDialog")));
        QCOMPARE(written(), before);
        QCOMPARE(status(editor), QStringLiteral("Not confirmed"));
        QCOMPARE(editor->order().lines.size(), 1);
        QVERIFY(editor->findChild<QPushButton*>(QStringLiteral("confirmOrderButton"))->isEnabled());
    }

    void cardNumberRefusedThenApprovalCode()
    {
        auto* editor = newOrder(QStringLiteral("A4"), {QStringLiteral("credit_card")});
        QVERIFY(editor);
        const QString before = written();
        auto* dialog = confirmByKeyboard(editor);
        QVERIFY(dialog);
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("reference_credit_card"));
        type(QStringLiteral("4111 1111 1111 1111"));
        key(Qt::Key_Return);
        QVERIFY(dialog->isVisible());
        QVERIFY2(problem(dialog).contains(QStringLiteral("card number")), qPrintable(problem(dialog)));
        // Not kept on screen, not written anywhere.
        QVERIFY(dialog->findChild<QLineEdit*>(QStringLiteral("reference_credit_card"))->text().isEmpty());
        QCOMPARE(written(), before);
        type(QStringLiteral("AP-7731"));
        key(Qt::Key_Return);
        QTRY_VERIFY(!editor->findChild<gui::PaymentDialog*>(QStringLiteral("paymentDialog")));
        QCOMPARE(status(editor), QStringLiteral("Complete"));
        QCOMPARE(number(QStringLiteral("SELECT count(*) FROM payment WHERE order_id = '%1' AND pay_type = "
                                       "'credit_card' AND reference = 'AP-7731' AND amount_minor = 4500")
                            .arg(editor->order().id)),
                 1);
        QCOMPARE(number(QStringLiteral("SELECT count(*) FROM sync_outbox WHERE changes LIKE '%4111%'")), 0);
        QCOMPARE(number(QStringLiteral("SELECT count(*) FROM payment WHERE reference LIKE '%4111%'")), 0);
    }

    void splitAcrossPayTypes()
    {
        auto* editor = newOrder(QStringLiteral("A5-8"), {QStringLiteral("cash"), QStringLiteral("credit_card"),
                                                         QStringLiteral("check"), QStringLiteral("gift_card")});
        QVERIFY(editor);
        auto* dialog = confirmByKeyboard(editor);
        QVERIFY(dialog);
        // In pay type order: card, cash, check, gift card; Tab moves from one to the next.
        type(QStringLiteral("AP-1001"));
        key(Qt::Key_Tab);
        type(QStringLiteral("50"));
        key(Qt::Key_Tab);
        type(QStringLiteral("001042"));
        key(Qt::Key_Tab);
        type(QStringLiteral("GC-88-1234"));
        QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("amountDueLabel"))
                    ->text()
                    .contains(QLocale().toString(180.0, 'f', 2)));
        if (qEnvironmentVariableIsSet("FOYER_SCREENSHOT_DIR")) {
            dialog->resize(dialog->sizeHint().expandedTo(QSize(560, 0)));
            QCoreApplication::processEvents();
            dialog->grab().save(qEnvironmentVariable("FOYER_SCREENSHOT_DIR") + QStringLiteral("/payment-step.png"));
        }
        key(Qt::Key_Return);
        QTRY_VERIFY(!editor->findChild<gui::PaymentDialog*>(QStringLiteral("paymentDialog")));
        QCOMPARE(status(editor), QStringLiteral("Complete"));
        const QString order = editor->order().id;
        QCOMPARE(number(QStringLiteral("SELECT count(*) FROM payment WHERE order_id = '%1'").arg(order)), 4);
        QCOMPARE(number(QStringLiteral("SELECT sum(amount_minor) FROM payment WHERE order_id = '%1'").arg(order)),
                 18000);
        QCOMPARE(number(QStringLiteral("SELECT change_minor FROM payment WHERE order_id = '%1' AND pay_type = 'cash'")
                            .arg(order)),
                 500);
        QCOMPARE(number(QStringLiteral("SELECT count(*) FROM payment WHERE order_id = '%1' AND ((pay_type = 'check' "
                                       "AND reference = '001042') OR (pay_type = 'gift_card' AND reference = "
                                       "'GC-88-1234'))")
                            .arg(order)),
                 2);
    }
};

QTEST_MAIN(TestPaymentStep)
#include "TestPaymentStep.moc"
