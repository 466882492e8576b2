// Resolving a refused order from the sync panel, end to end: a real PostgreSQL, a real foyer-server process and two
// encrypted workstations (tests/helpers SyncStack). Both windows sell the same seat while offline; after sync the
// loser's order "needs attention" (its profile's orders and the order editor say why); staff change the seat from the
// sync panel by keyboard (or cancel the order there), sync again, and both windows and the server hold both orders
// with different seats (or the loser's order void), with nothing refused left.
#include "ApiClient.h"
#include "Clock.h"
#include "MainWindow.h"
#include "OrderEditorDialog.h"
#include "PatronFixtures.h"
#include "PatronProfileWidget.h"
#include "ReasonDialog.h"
#include "SyncContext.h"
#include "SyncStack.h"
#include "sync/SyncPanelDialog.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableWidget>
#include <QTest>

using namespace foyer;

class TestSyncResolve : public QObject
{
    Q_OBJECT

    testing::SyncStack m_stack;
    testing::SyncWorkstation* m_a = nullptr;
    testing::SyncWorkstation* m_b = nullptr;
    QString m_hall;
    QString m_show;
    QString m_performance;
    QString m_priceType;
    QString m_patron;
    QList<core::SeatMap::Seat> m_seats;

    core::StaffMember staff() const
    {
        core::StaffMember member;
        member.id = m_stack.staffId();
        member.username = QStringLiteral("admin");
        member.displayName = QStringLiteral("Venue Admin");
        member.role = core::StaffMember::Role::Admin;
        return member;
    }

    int seatIndex(const QString& label) const
    {
        for (int i = 0; i < m_seats.size(); ++i)
            if (m_seats.at(i).label() == label)
                return i;
        return -1;
    }

    // A confirmed order for the seat, paid by card, for the patron: as the order editor confirms it.
    QString sell(testing::SyncWorkstation& window, const QString& seatLabel, QString* confirmation)
    {
        core::OrderLineDraft line;
        line.performanceId = m_performance;
        line.showId = m_show;
        line.performanceAt = QDateTime(QDate(2026, 12, 5), QTime(19, 30), Qt::UTC);
        line.seatId = m_seats.at(seatIndex(seatLabel)).id;
        line.seatLabel = seatLabel;
        line.priceTypeId = m_priceType;
        line.priceTypeName = QStringLiteral("Adult");
        line.listPriceMinor = 4500;
        line.payType = QStringLiteral("credit_card");
        core::OrderDraft order;
        order.patronId = m_patron;
        order.lines = {line};
        QString error;
        QList<core::MembershipCreditRule::LineError> lineErrors;
        if (!window.repos->orders.confirm(order, m_stack.staffId(), &lineErrors, &error)) {
            qWarning("confirm failed: %s", qPrintable(error));
            return {};
        }
        *confirmation = order.confirmationNumber;
        return order.id;
    }

    qint64 count(QSqlDatabase db, const QString& sql, const QVariantList& values = {})
    {
        QSqlQuery q(db);
        if (!q.prepare(sql))
            return -1;
        for (const QVariant& v : values)
            q.addBindValue(v);
        if (!q.exec() || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

    // The seat labels of an order's live lines on a workstation, sorted.
    QStringList seatsOf(testing::SyncWorkstation& window, const QString& orderId, const QString& status)
    {
        QSqlQuery q(window.db());
        q.prepare(
            QStringLiteral("SELECT s.section || ' ' || s.row_label || s.seat_number FROM order_line l JOIN seat s "
                           "ON s.id = l.seat_id WHERE l.order_id = ? AND l.status = ? AND l.deleted_at IS NULL "
                           "ORDER BY 1"));
        q.addBindValue(orderId);
        q.addBindValue(status);
        QStringList out;
        if (!q.exec())
            return {QStringLiteral("error: ") + q.lastError().text()};
        while (q.next())
            out.append(q.value(0).toString());
        return out;
    }

    // The server's live lines of an order: seat ids with their status.
    QStringList serverLines(const QString& orderId)
    {
        QSqlQuery q(m_stack.serverDb());
        q.prepare(QStringLiteral("SELECT data->>'seat_id', data->>'status' FROM row_state WHERE table_name = "
                                 "'order_line' AND data->>'order_id' = ? AND NOT deleted AND (data->>'deleted_at') IS "
                                 "NULL ORDER BY 1"));
        q.addBindValue(orderId);
        QStringList out;
        if (!q.exec())
            return {QStringLiteral("error: ") + q.lastError().text()};
        while (q.next()) {
            const int seat = [&] {
                for (int i = 0; i < m_seats.size(); ++i)
                    if (m_seats.at(i).id == q.value(0).toString())
                        return i;
                return -1;
            }();
            out.append((seat >= 0 ? m_seats.at(seat).label() : q.value(0).toString()) + u'/' + q.value(1).toString());
        }
        return out;
    }

    QString serverOrderStatus(const QString& orderId)
    {
        QSqlQuery q(m_stack.serverDb());
        q.prepare(QStringLiteral("SELECT data->>'internal_status' FROM row_state WHERE table_name = 'order' AND "
                                 "row_key = ? AND NOT deleted"));
        q.addBindValue(orderId);
        if (!q.exec() || !q.next())
            return QStringLiteral("(none)");
        return q.value(0).toString();
    }

    // Both windows sell the seat offline; A syncs first, so B's order is refused. Returns B's order id.
    QString sellTwiceAndSync(const QString& seatLabel, QString* aOrder, QString* bConfirmation)
    {
        QString aConfirmation;
        *aOrder = sell(*m_a, seatLabel, &aConfirmation);
        const QString bOrder = sell(*m_b, seatLabel, bConfirmation);
        if (aOrder->isEmpty() || bOrder.isEmpty())
            return {};
        const sync::SyncRound a = m_stack.syncRound(*m_a);
        const sync::SyncRound b = m_stack.syncRound(*m_b);
        if (!a.ok || b.refused != 1) {
            qWarning("a: %s; b refused %d: %s", qPrintable(a.problem), b.refused, qPrintable(b.problem));
            return {};
        }
        return bOrder;
    }

    // The refusal shows on the patron's orders and goes once it is resolved.
    QString ordersNotice(testing::SyncWorkstation& window)
    {
        QString error;
        const auto profile = window.repos->patrons.loadProfile(m_patron, &error);
        if (!profile)
            return QStringLiteral("error: ") + error;
        gui::PatronProfileWidget page(*profile, {window.repos.get(), m_stack.staffId(), QString(), staff()});
        page.loadSection(gui::PatronProfileWidget::OrdersSection);
        auto* notice = page.findChild<QLabel*>(QStringLiteral("ordersAttention"));
        if (!notice)
            return QStringLiteral("no notice label");
        return notice->isHidden() ? QString() : notice->text();
    }

    gui::SyncPanelDialog* openPanel(gui::MainWindow& window)
    {
        window.setStaff(staff());
        window.showSyncPanel();
        return window.findChild<gui::SyncPanelDialog*>(QStringLiteral("syncPanel"));
    }

private slots:
    void initTestCase()
    {
        core::Clock::setInstance(
            std::make_shared<core::TestClock>(QDateTime(QDate(2026, 12, 1), QTime(12, 0), Qt::UTC)));
        const QString started = m_stack.start();
        QVERIFY2(started.isEmpty(), qPrintable(started));
        QString problem;
        m_a = m_stack.addWorkstation(QStringLiteral("a-window"), &problem);
        QVERIFY2(m_a, qPrintable(problem));
        m_b = m_stack.addWorkstation(QStringLiteral("b-window"), &problem);
        QVERIFY2(m_b, qPrintable(problem));
        storage::SyncContext::setStaffId(m_stack.staffId());

        QString error;
        QString csv = QStringLiteral("section,row,seat,x,y\n");
        for (int s = 1; s <= 8; ++s)
            csv += QStringLiteral("Stalls,D,%1,%1,1\n").arg(s);
        m_hall = m_a->repos->venue.importSeatMap(QStringLiteral("Main"), csv, &error);
        QVERIFY2(!m_hall.isEmpty(), qPrintable(error));
        m_seats = m_a->repos->venue.seats(m_hall, &error);
        m_show = m_a->repos->venue.addShow(QStringLiteral("The Tempest"), QStringLiteral("2026/27"), &error);
        const QDateTime starts(QDate(2026, 12, 5), QTime(19, 30), Qt::UTC);
        m_performance = m_a->repos->venue.addPerformance(m_show, m_hall, starts, starts.addDays(-30), &error);
        m_priceType = m_a->repos->venue.addPriceType(m_show, QStringLiteral("Adult"), 4500, &error);
        QVERIFY2(!m_priceType.isEmpty(), qPrintable(error));
        m_patron = testing::addPatron(m_a->repos->patrons, QStringLiteral("Yara"), QStringLiteral("Darrow"),
                                      QStringLiteral("yara@example.org"), QString());
        QVERIFY(!m_patron.isEmpty());
        const sync::SyncRound pushed = m_stack.syncRound(*m_a);
        QVERIFY2(pushed.ok, qPrintable(pushed.problem));
        const sync::SyncRound pulled = m_stack.syncRound(*m_b);
        QVERIFY2(pulled.ok, qPrintable(pulled.problem));
        QCOMPARE(m_b->repos->venue.seats(m_hall, &error).size(), 8);
    }

    void staffChangeTheSeatFromTheSyncPanel()
    {
        QString aOrder, bConfirmation;
        const QString bOrder = sellTwiceAndSync(QStringLiteral("Stalls D1"), &aOrder, &bConfirmation);
        QVERIFY(!bOrder.isEmpty());

        // B's order needs attention, with the server's reason, where staff look at orders.
        const QString notice = ordersNotice(*m_b);
        QVERIFY2(notice.contains(QStringLiteral("Needs attention")) && notice.contains(bConfirmation) &&
                     notice.contains(QStringLiteral("Stalls D1")),
                 qPrintable(notice));
        QVERIFY(ordersNotice(*m_a).isEmpty());
        QString error;
        const auto attention = m_b->repos->syncOutbox.attentionFor(bOrder, &error);
        QVERIFY2(attention, qPrintable(error));
        QCOMPARE(attention->operationIds.size(), 1);
        // Until it is resolved, B cannot take A's order for that seat.
        const sync::SyncRound blocked = m_stack.syncRound(*m_b);
        QVERIFY(!blocked.ok);

        gui::MainWindow window(m_b->repos.get());
        window.resize(1360, 768);
        window.show();
        sync::SyncStatus status;
        status.configured = true;
        status.online = true;
        status.refused = int(m_b->repos->syncOutbox.refusedCount(&error));
        status.waiting = 0;
        status.lastSyncUtc = core::Clock::currentDateTimeUtc();
        status.problem = blocked.problem;
        window.showSyncStatus(status);
        gui::SyncPanelDialog* panel = openPanel(window);
        QVERIFY(panel && panel->isVisible());
        auto* table = panel->findChild<QTableWidget*>(QStringLiteral("refusedOperations"));
        QCOMPARE(table->rowCount(), 1);
        QVERIFY2(table->item(0, 2)->text().contains(QStringLiteral("Stalls D1")),
                 qPrintable(table->item(0, 2)->text()));
        auto* change = panel->findChild<QPushButton*>(QStringLiteral("resolveChangeButton"));
        auto* cancel = panel->findChild<QPushButton*>(QStringLiteral("resolveCancelButton"));
        QVERIFY(change && cancel);
        QVERIFY(change->isEnabled() && cancel->isEnabled());
        QVERIFY(!change->accessibleName().isEmpty());
        if (qEnvironmentVariableIsSet("FOYER_SCREENSHOT_DIR")) {
            table->setFocus();
            QCoreApplication::processEvents();
            panel->grab().save(qEnvironmentVariable("FOYER_SCREENSHOT_DIR") + QStringLiteral("/sync-panel.png"));
        }

        // Keyboard: Tab from the list reaches the button, Space opens the order in the order editor, which says why.
        QCOMPARE(change->shortcut(), QKeySequence(QStringLiteral("Alt+H")));
        change->setFocus();
        QTest::keyClick(change, Qt::Key_Space);
        auto* editor = panel->findChild<gui::OrderEditorDialog*>(QStringLiteral("orderEditor"));
        QTRY_VERIFY(editor && editor->isVisible());
        auto* banner = editor->findChild<QLabel*>(QStringLiteral("needsAttentionBanner"));
        QVERIFY(banner && !banner->isHidden());
        QVERIFY2(banner->text().contains(QStringLiteral("Needs attention")) &&
                     banner->text().contains(QStringLiteral("Stalls D1")),
                 qPrintable(banner->text()));
        QCOMPARE(editor->order().lines.size(), 1);
        // Drop D1 ("Remove seat" on its row), type D2 and Enter, then confirm again.
        auto* lines = editor->findChild<QTableWidget*>(QStringLiteral("linesTable"));
        lines->setFocus();
        lines->selectRow(0);
        auto* remove = editor->findChild<QPushButton*>(QStringLiteral("removeLineButton"));
        QVERIFY(remove->isEnabled());
        remove->setFocus();
        QTest::keyClick(remove, Qt::Key_Space);
        QCOMPARE(editor->order().lines.size(), 0);
        auto* seats = editor->findChild<QLineEdit*>(QStringLiteral("seatEntryField"));
        QVERIFY(seats->isEnabled());
        seats->setFocus();
        QTest::keyClicks(seats, QStringLiteral("Stalls D2"));
        QTest::keyClick(seats, Qt::Key_Return);
        QCOMPARE(editor->order().lines.size(), 1);
        QCOMPARE(editor->order().lines.first().seatLabel, QStringLiteral("Stalls D2"));
        auto* confirm = editor->findChild<QPushButton*>(QStringLiteral("confirmOrderButton"));
        QVERIFY(confirm->isEnabled());
        confirm->setFocus();
        QTest::keyClick(confirm, Qt::Key_Space);
        // The payment step: the terminal's code typed, Enter confirms.
        QWidget* payment = nullptr;
        QVERIFY(QTest::qWaitFor([&] {
            payment = editor->findChild<QDialog*>(QStringLiteral("paymentDialog"));
            return payment && payment->isVisible();
        }));
        for (QLineEdit* field : payment->findChildren<QLineEdit*>())
            if (field->objectName().startsWith(QLatin1String("reference_")))
                QTest::keyClicks(field, QStringLiteral("1001")); // a check's number or a terminal's code
        QTest::keyClick(payment->findChild<QLineEdit*>(), Qt::Key_Return);
        QTRY_VERIFY(!editor->findChild<QDialog*>(QStringLiteral("paymentDialog")));
        auto* problem = editor->findChild<QLabel*>(QStringLiteral("problemLabel"));
        QVERIFY2(banner->isHidden(), qPrintable(problem->text()));
        QCOMPARE(table->rowCount(), 0);
        QCOMPARE(m_b->repos->syncOutbox.refusedCount(&error), 0);
        QVERIFY(ordersNotice(*m_b).isEmpty());
        // Recorded with staff and time, in the resolution's transaction.
        QCOMPARE(count(m_b->db(),
                       QStringLiteral("SELECT count(*) FROM sync_resolution WHERE operation_id = ? AND action = "
                                      "'changed' AND staff_id = ? AND resolved_at IS NOT NULL"),
                       {attention->operationIds.first(), m_stack.staffId()}),
                 1);
        editor->reject();

        // Sync: the server takes B's order with D2; A gets it; both hold both orders with different seats.
        const sync::SyncRound b = m_stack.syncRound(*m_b);
        QVERIFY2(b.ok, qPrintable(b.problem));
        QCOMPARE(b.refused, 0);
        QVERIFY(b.pushed >= 1);
        const sync::SyncRound a = m_stack.syncRound(*m_a);
        QVERIFY2(a.ok, qPrintable(a.problem));
        QCOMPARE(a.refused, 0);
        for (testing::SyncWorkstation* w : {m_a, m_b}) {
            QCOMPARE(seatsOf(*w, aOrder, QStringLiteral("active")), QStringList{QStringLiteral("Stalls D1")});
            QCOMPARE(seatsOf(*w, bOrder, QStringLiteral("active")), QStringList{QStringLiteral("Stalls D2")});
            QCOMPARE(count(w->db(),
                           QStringLiteral("SELECT count(*) FROM payment WHERE order_id = ? AND deleted_at IS "
                                          "NULL"),
                           {bOrder}),
                     1);
            QCOMPARE(w->repos->syncOutbox.refusedCount(&error), 0);
            QCOMPARE(w->repos->syncOutbox.pendingCount(&error), 0);
        }
        QCOMPARE(serverLines(aOrder), QStringList{QStringLiteral("Stalls D1/active")});
        QCOMPARE(serverLines(bOrder), QStringList{QStringLiteral("Stalls D2/active")});
        QCOMPARE(serverOrderStatus(bOrder), QStringLiteral("complete"));
        QCOMPARE(
            count(m_stack.serverDb(),
                  QStringLiteral("SELECT count(*) FROM row_state WHERE table_name = 'payment' AND data->>'order_id' "
                                 "= ? AND NOT deleted"),
                  {bOrder}),
            1);
    }

    void staffCancelTheOrderFromTheSyncPanel()
    {
        // Box office staff cancel it: the server takes the order, which it never had, already void (no manager
        // needed: it voids nothing the venue sold).
        ApiClient api(m_stack.server().baseUrl(), m_stack.server().caCertificates());
        const ApiClient::Reply made = api.post(QStringLiteral("/v1/staff"),
                                               {{QStringLiteral("username"), QStringLiteral("kim")},
                                                {QStringLiteral("display_name"), QStringLiteral("Kim Lee")},
                                                {QStringLiteral("role"), QStringLiteral("box_office")},
                                                {QStringLiteral("password"), QStringLiteral("box office password 1")}},
                                               QString::fromLatin1(m_stack.token(*m_b)));
        QVERIFY2(made.status == 200, made.raw.constData());
        core::StaffMember kim;
        kim.id = made.json.value(QStringLiteral("id")).toString();
        kim.username = QStringLiteral("kim");
        kim.displayName = QStringLiteral("Kim Lee");
        kim.role = core::StaffMember::Role::BoxOffice;
        QVERIFY(!kim.id.isEmpty());
        // B learns the account from the pull.
        const sync::SyncRound learnt = m_stack.syncRound(*m_b);
        QVERIFY2(learnt.ok, qPrintable(learnt.problem));
        QString error;
        QCOMPARE(count(m_b->db(), QStringLiteral("SELECT count(*) FROM staff_user WHERE id = ?"), {kim.id}), 1);

        QString aOrder, bConfirmation;
        const QString bOrder = sellTwiceAndSync(QStringLiteral("Stalls D3"), &aOrder, &bConfirmation);
        QVERIFY(!bOrder.isEmpty());
        QVERIFY(ordersNotice(*m_b).contains(bConfirmation));

        gui::MainWindow window(m_b->repos.get());
        window.show();
        gui::SyncPanelDialog* panel = openPanel(window);
        window.setStaff(kim);
        storage::SyncContext::setStaffId(kim.id);
        QVERIFY(panel && panel->isVisible());
        auto* table = panel->findChild<QTableWidget*>(QStringLiteral("refusedOperations"));
        QCOMPARE(table->rowCount(), 1);
        // Keyboard: Space on "Cancel the order..." (Alt+O) asks why, then the dialog's OK cancels.
        auto* cancel = panel->findChild<QPushButton*>(QStringLiteral("resolveCancelButton"));
        QCOMPARE(cancel->shortcut(), QKeySequence(QStringLiteral("Alt+O")));
        cancel->setFocus();
        QTest::keyClick(cancel, Qt::Key_Space);
        auto* dialog = panel->findChild<gui::ReasonDialog*>(QStringLiteral("cancelRefusedDialog"));
        QTRY_VERIFY(dialog && dialog->isVisible());
        auto* reason = dialog->findChild<QLineEdit*>(QStringLiteral("reasonField"));
        reason->setFocus();
        QTest::keyClicks(reason, QStringLiteral("Seat sold at the other window; patron will call back"));
        dialog->findChild<QDialogButtonBox*>(QStringLiteral("buttonBox"))->button(QDialogButtonBox::Ok)->click();
        QTRY_COMPARE(table->rowCount(), 0);
        storage::SyncContext::setStaffId(m_stack.staffId());
        auto* problem = panel->findChild<QLabel*>(QStringLiteral("syncPanelProblem"));
        QVERIFY2(problem->text().contains(QStringLiteral("back to the patron")), qPrintable(problem->text()));
        QCOMPARE(m_b->repos->syncOutbox.refusedCount(&error), 0);
        QCOMPARE(
            count(m_b->db(),
                  QStringLiteral("SELECT count(*) FROM sync_resolution WHERE action = 'cancelled' AND staff_id = ?"),
                  {kim.id}),
            1);
        QVERIFY(ordersNotice(*m_b).isEmpty());

        const sync::SyncRound b = m_stack.syncRound(*m_b);
        QVERIFY2(b.ok, qPrintable(b.problem));
        QCOMPARE(b.refused, 0);
        const sync::SyncRound a = m_stack.syncRound(*m_a);
        QVERIFY2(a.ok, qPrintable(a.problem));
        for (testing::SyncWorkstation* w : {m_a, m_b}) {
            QCOMPARE(seatsOf(*w, aOrder, QStringLiteral("active")), QStringList{QStringLiteral("Stalls D3")});
            QCOMPARE(seatsOf(*w, bOrder, QStringLiteral("void")), QStringList{QStringLiteral("Stalls D3")});
            QCOMPARE(count(w->db(),
                           QStringLiteral("SELECT count(*) FROM \"order\" WHERE id = ? AND internal_status = "
                                          "'void'"),
                           {bOrder}),
                     1);
            // The refused sale's payment never reached the venue: taken back, not sent.
            QCOMPARE(count(w->db(), QStringLiteral("SELECT count(*) FROM payment WHERE order_id = ?"), {bOrder}), 0);
            QCOMPARE(w->repos->syncOutbox.refusedCount(&error), 0);
        }
        QCOMPARE(serverOrderStatus(bOrder), QStringLiteral("void"));
        QCOMPARE(serverLines(bOrder), QStringList{QStringLiteral("Stalls D3/void")});
        QCOMPARE(serverLines(aOrder), QStringList{QStringLiteral("Stalls D3/active")});
    }
};

QTEST_MAIN(TestSyncResolve)
#include "TestSyncResolve.moc"
