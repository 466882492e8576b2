// Pulled changes applied on a real encrypted database: one database's operations, turned into a pull page, make a
// second one identical in every synced table; a page applies all or nothing, cursor included; pulled rows are not
// pushed back and are found by search at once.
#include "Clock.h"
#include "Database.h"
#include "PatronFixtures.h"
#include "Repositories.h"
#include "SearchText.h"
#include "SyncApplier.h"
#include "SyncCapture.h"
#include "SyncOutbox.h"
#include "Transaction.h"
#include "UuidV7.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace foyer;
using namespace foyer::storage;

class TestSyncApply : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_a, m_b;
    std::unique_ptr<Repositories> m_reposA, m_reposB;
    qint64 m_seq = 0;
    QString m_performance, m_show, m_adult;
    QList<core::SeatMap::Seat> m_seats;

    static int count(const QSqlDatabase& db, const QString& sql)
    {
        QSqlQuery q(db);
        if (!q.exec(sql) || !q.next())
            qFatal("count failed: %s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return q.value(0).toInt();
    }
    static QJsonValue jsonOf(const QVariant& v)
    {
        if (v.isNull())
            return QJsonValue(QJsonValue::Null);
        if (v.typeId() == QMetaType::LongLong || v.typeId() == QMetaType::Int)
            return double(v.toLongLong());
        if (v.typeId() == QMetaType::Double)
            return v.toDouble();
        return v.toString();
    }
    // The row as it is now, as the server would send it; empty when it is gone.
    static QJsonObject currentRow(const QSqlDatabase& db, const QString& table, const QJsonObject& key)
    {
        QStringList where;
        for (const QString& k : key.keys())
            where << QStringLiteral("\"%1\" = ?").arg(k);
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT * FROM \"%1\" WHERE %2").arg(table, where.join(QStringLiteral(" AND "))));
        for (const QString& k : key.keys())
            q.addBindValue(key.value(k).toVariant());
        if (!q.exec())
            qFatal("cannot read %s: %s", qPrintable(table), qPrintable(q.lastError().text()));
        QJsonObject row;
        if (q.next())
            for (int i = 0; i < q.record().count(); ++i)
                row.insert(q.record().fieldName(i), jsonOf(q.value(i)));
        return row;
    }
    // What the server would hand out for these pending operations: each changed row, whole, in order.
    QJsonObject pageFrom(const QSqlDatabase& db)
    {
        QString error;
        const std::optional<QJsonArray> operations = SyncOutbox(db).pending(100000, &error);
        if (!operations)
            qFatal("pending: %s", qPrintable(error));
        QJsonArray changes;
        for (const QJsonValue& op : *operations)
            for (const QJsonValue& c : op.toObject().value(QStringLiteral("changes")).toArray()) {
                const QString table = c.toObject().value(QStringLiteral("table")).toString();
                const QJsonObject key = c.toObject().value(QStringLiteral("key")).toObject();
                const QJsonObject row = currentRow(db, table, key);
                changes.append(QJsonObject{{QStringLiteral("seq"), double(++m_seq)},
                                           {QStringLiteral("table"), table},
                                           {QStringLiteral("key"), key},
                                           {QStringLiteral("deleted"), row.isEmpty()},
                                           {QStringLiteral("row"), row}});
            }
        return {{QStringLiteral("changes"), changes},
                {QStringLiteral("next"), double(m_seq)},
                {QStringLiteral("more"), false},
                {QStringLiteral("remaining"), 0},
                {QStringLiteral("server_hlc"), QStringLiteral("009000000000000-000005-server")}};
    }
    static QString dump(const QSqlDatabase& db)
    {
        QString error;
        QStringList out;
        for (const QString& table : SyncCapture::syncedTables(db, &error)) {
            const QStringList key = SyncCapture::primaryKey(db, table, &error);
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("SELECT * FROM \"%1\" ORDER BY \"%2\"")
                            .arg(table, key.join(QStringLiteral("\",\"")))))
                qFatal("dump %s: %s", qPrintable(table), qPrintable(q.lastError().text()));
            while (q.next()) {
                QStringList values;
                for (int i = 0; i < q.record().count(); ++i)
                    values << (q.value(i).isNull() ? QStringLiteral("NULL") : q.value(i).toString());
                out << table + u':' + values.join(u'|');
            }
        }
        return out.join(u'\n');
    }

private slots:
    void initTestCase()
    {
        core::Clock::setInstance(
            std::make_shared<core::TestClock>(QDateTime(QDate(2026, 12, 1), QTime(12, 0), Qt::UTC)));
        DatabaseError error;
        m_a = Database::open(m_dir.filePath(QStringLiteral("a.db")), QByteArray(32, '\x63'), Database::Mode::CreateNew,
                             &error);
        QVERIFY2(m_a, qPrintable(error.message));
        m_b = Database::open(m_dir.filePath(QStringLiteral("b.db")), QByteArray(32, '\x64'), Database::Mode::CreateNew,
                             &error);
        QVERIFY2(m_b, qPrintable(error.message));
        m_reposA = std::make_unique<Repositories>(m_a->connection());
        m_reposB = std::make_unique<Repositories>(m_b->connection());
    }

    void secondDatabaseEndsIdentical()
    {
        QString error;
        Repositories& a = *m_reposA;
        testing::addPatron(a.patrons, QStringLiteral("Ada"), QStringLiteral("Lovelace"),
                           QStringLiteral("ada@analytical.example"), QStringLiteral("020 7946 0001"));
        const QString grace = testing::addPatron(a.patrons, QStringLiteral("Grace"), QStringLiteral("Hopper"),
                                                 QStringLiteral("grace@navy.example"), QString());
        QString csv = QStringLiteral("section,row,seat,x,y\n");
        for (int s = 1; s <= 4; ++s)
            csv += QStringLiteral("Stalls,A,%1,%1,1\n").arg(s);
        const QString hall = a.venue.importSeatMap(QStringLiteral("Main"), csv, &error);
        QVERIFY2(!hall.isEmpty(), qPrintable(error));
        m_seats = a.venue.seats(hall, &error);
        m_show = a.venue.addShow(QStringLiteral("The Tempest"), QStringLiteral("2026/27"), &error);
        const QDateTime starts(QDate(2026, 12, 5), QTime(19, 30), Qt::UTC);
        m_performance = a.venue.addPerformance(m_show, hall, starts, starts.addDays(-30), &error);
        m_adult = a.venue.addPriceType(m_show, QStringLiteral("Adult"), 4500, &error);
        QVERIFY2(!m_adult.isEmpty(), qPrintable(error));
        core::OrderDraft order;
        order.patronId = grace;
        core::OrderLineDraft l;
        l.performanceId = m_performance;
        l.showId = m_show;
        l.performanceAt = starts;
        l.seatId = m_seats.at(0).id;
        l.seatLabel = m_seats.at(0).label();
        l.priceTypeId = m_adult;
        l.priceTypeName = QStringLiteral("Adult");
        l.listPriceMinor = 4500;
        l.payType = QStringLiteral("cash");
        order.lines = {l};
        QList<core::MembershipCreditRule::LineError> lineErrors;
        QVERIFY2(a.orders.confirm(order, QString(), &lineErrors, &error), qPrintable(error));

        const QJsonObject page = pageFrom(m_a->connection());
        SyncApplier applier(m_b->connection());
        QCOMPARE(applier.cursor(&error), 0);
        QVERIFY2(applier.apply(page, &error), qPrintable(error));
        QCOMPARE(dump(m_b->connection()), dump(m_a->connection()));
        QCOMPARE(applier.cursor(&error), m_seq);
        // Pulled rows are not pushed back.
        QCOMPARE(SyncOutbox(m_b->connection()).pendingCount(&error), 0);
        QCOMPARE(count(m_b->connection(), QStringLiteral("SELECT count(*) FROM sync_row_change")), 0);
        QCOMPARE(count(m_b->connection(), QStringLiteral("SELECT count(*) FROM sync_applying")), 0);
        // Found by search at once, by name, email and phone.
        for (const QString& typed :
             {QStringLiteral("lovel"), QStringLiteral("grace@navy"), QStringLiteral("7946 0001")})
            QVERIFY2(!m_reposB->search.search(core::SearchText::queryTokens(typed), {}, 5, &error).isEmpty(),
                     qPrintable(typed));
        // The clock moved past the server's.
        QSqlQuery state(m_b->connection());
        QVERIFY(state.exec(QStringLiteral("SELECT value FROM sync_state WHERE name = 'hlc'")) && state.next());
        QVERIFY(state.value(0).toString() > QStringLiteral("009000000000000-000005-server"));

        // Applying the same page again changes nothing.
        QVERIFY2(applier.apply(page, &error), qPrintable(error));
        QCOMPARE(dump(m_b->connection()), dump(m_a->connection()));
        QCOMPARE(SyncOutbox(m_b->connection()).pendingCount(&error), 0);
    }

    void updatesAndDeletesArrive()
    {
        QString error;
        QSqlQuery q(m_a->connection());
        {
            Transaction txn(m_a->connection(), &error);
            QVERIFY(q.exec(QStringLiteral("UPDATE patron SET last_name = 'King', updated_at = 'x' WHERE first_name = "
                                          "'Ada'")));
            QVERIFY(q.exec(QStringLiteral("DELETE FROM patron_phone")));
            QVERIFY(txn.finish(true));
        }
        // Only the new operation: mark the earlier ones sent.
        QJsonArray results;
        const auto pending = SyncOutbox(m_a->connection()).pending(1000, &error);
        for (qsizetype i = 0; i + 1 < pending->size(); ++i)
            results.append(QJsonObject{{QStringLiteral("id"), pending->at(i).toObject().value(QStringLiteral("id"))},
                                       {QStringLiteral("status"), QStringLiteral("applied")}});
        QVERIFY2(SyncOutbox(m_a->connection()).acknowledge({{QStringLiteral("results"), results}}, &error),
                 qPrintable(error));
        QCOMPARE(SyncOutbox(m_a->connection()).pendingCount(&error), 1);
        QVERIFY2(SyncApplier(m_b->connection()).apply(pageFrom(m_a->connection()), &error), qPrintable(error));
        QCOMPARE(dump(m_b->connection()), dump(m_a->connection()));
        const auto kings =
            m_reposB->search.search(core::SearchText::queryTokens(QStringLiteral("king")), {}, 5, &error);
        QVERIFY(!kings.isEmpty());
        for (const auto& hit : kings)
            QCOMPARE(hit.patronId, kings.constFirst().patronId);
        QVERIFY(m_reposB->search.search(core::SearchText::queryTokens(QStringLiteral("lovelace")), {}, 5, &error)
                    .isEmpty());
        QVERIFY(m_reposB->search.search(core::SearchText::queryTokens(QStringLiteral("7946 0001")), {}, 5, &error)
                    .isEmpty());
    }

    void aPulledTagFindsThePatron()
    {
        // Every operation so far has reached the server: the page carries only the tag.
        QString error;
        QJsonArray results;
        const auto pending = SyncOutbox(m_a->connection()).pending(1000, &error);
        for (const QJsonValue& op : *pending)
            results.append(QJsonObject{{QStringLiteral("id"), op.toObject().value(QStringLiteral("id"))},
                                       {QStringLiteral("status"), QStringLiteral("applied")}});
        QVERIFY2(SyncOutbox(m_a->connection()).acknowledge({{QStringLiteral("results"), results}}, &error),
                 qPrintable(error));
        QSqlQuery q(m_a->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT id FROM patron WHERE first_name = 'Ada'")) && q.next());
        const QString ada = q.value(0).toString();
        QVERIFY2(m_reposA->details.addTag(ada, QStringLiteral("Season Ticket Holder"), QString(), &error),
                 qPrintable(error));
        QVERIFY(m_reposB->search.search(core::SearchText::queryTokens(QStringLiteral("season ticket")), {}, 5, &error)
                    .isEmpty());
        QVERIFY2(SyncApplier(m_b->connection()).apply(pageFrom(m_a->connection()), &error), qPrintable(error));
        const auto found =
            m_reposB->search.search(core::SearchText::queryTokens(QStringLiteral("season ticket")), {}, 5, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(found.value(0).patronId, ada);
        QCOMPARE(m_reposB->search.search(core::SearchText::queryTokens(QStringLiteral("holder")), {}, 5, &error)
                     .value(0)
                     .patronId,
                 ada);
    }

    void childBeforeParentInOnePage()
    {
        QString error;
        const QString orderId = core::UuidV7::generateText(), lineId = core::UuidV7::generateText();
        const QJsonObject line{{QStringLiteral("id"), lineId},
                               {QStringLiteral("order_id"), orderId},
                               {QStringLiteral("performance_id"), m_performance},
                               {QStringLiteral("seat_id"), m_seats.at(1).id},
                               {QStringLiteral("price_minor"), 4500},
                               {QStringLiteral("pay_type"), QStringLiteral("cash")},
                               {QStringLiteral("status"), QStringLiteral("active")},
                               {QStringLiteral("created_at"), QStringLiteral("2026-12-01T12:00:00.000Z")},
                               {QStringLiteral("updated_at"), QStringLiteral("2026-12-01T12:00:00.000Z")}};
        const QJsonObject order{{QStringLiteral("id"), orderId},
                                {QStringLiteral("confirmation_number"), QStringLiteral("Z9-1")},
                                {QStringLiteral("channel"), QStringLiteral("box_office")},
                                {QStringLiteral("category"), QStringLiteral("ticket")},
                                {QStringLiteral("internal_status"), QStringLiteral("complete")},
                                {QStringLiteral("created_at"), QStringLiteral("2026-12-01T12:00:00.000Z")},
                                {QStringLiteral("updated_at"), QStringLiteral("2026-12-01T12:00:00.000Z")}};
        const QJsonObject page{
            {QStringLiteral("changes"),
             QJsonArray{QJsonObject{{QStringLiteral("seq"), double(++m_seq)},
                                    {QStringLiteral("table"), QStringLiteral("order_line")},
                                    {QStringLiteral("key"), QJsonObject{{QStringLiteral("id"), lineId}}},
                                    {QStringLiteral("deleted"), false},
                                    {QStringLiteral("row"), line}},
                        QJsonObject{{QStringLiteral("seq"), double(++m_seq)},
                                    {QStringLiteral("table"), QStringLiteral("order")},
                                    {QStringLiteral("key"), QJsonObject{{QStringLiteral("id"), orderId}}},
                                    {QStringLiteral("deleted"), false},
                                    {QStringLiteral("row"), order}}}},
            {QStringLiteral("next"), double(m_seq)}};
        QVERIFY2(SyncApplier(m_b->connection()).apply(page, &error), qPrintable(error));
        QCOMPARE(
            count(m_b->connection(), QStringLiteral("SELECT count(*) FROM order_line WHERE id = '%1'").arg(lineId)), 1);

        // A child whose parent has not come yet (the server sends each row at its latest change, so a parent
        // changed later comes pages later) is held back, out of its table, and the pull goes on.
        const qint64 cursor = SyncApplier(m_b->connection()).cursor(&error);
        const QString laterOrderId = core::UuidV7::generateText();
        QJsonObject orphanLine = line;
        orphanLine.insert(QStringLiteral("id"), core::UuidV7::generateText());
        orphanLine.insert(QStringLiteral("order_id"), laterOrderId);
        orphanLine.insert(QStringLiteral("seat_id"), m_seats.at(3).id);
        const QJsonObject orphan{
            {QStringLiteral("changes"),
             QJsonArray{QJsonObject{
                 {QStringLiteral("seq"), double(++m_seq)},
                 {QStringLiteral("table"), QStringLiteral("order_line")},
                 {QStringLiteral("key"), QJsonObject{{QStringLiteral("id"), orphanLine.value(QStringLiteral("id"))}}},
                 {QStringLiteral("deleted"), false},
                 {QStringLiteral("row"), orphanLine}}}},
            {QStringLiteral("next"), double(m_seq)}};
        QVERIFY2(SyncApplier(m_b->connection()).apply(orphan, &error), qPrintable(error));
        QCOMPARE(SyncApplier(m_b->connection()).cursor(&error), m_seq);
        QVERIFY(SyncApplier(m_b->connection()).cursor(&error) > cursor);
        const QString lineWhere =
            QStringLiteral("FROM order_line WHERE id = '%1'").arg(orphanLine.value(QStringLiteral("id")).toString());
        QCOMPARE(count(m_b->connection(), QStringLiteral("SELECT count(*) ") + lineWhere), 0);
        QCOMPARE(count(m_b->connection(),
                       QStringLiteral("SELECT count(*) FROM sync_held_row WHERE table_name = 'order_line' AND missing "
                                      "= 'order %1'")
                           .arg(laterOrderId)),
                 1);
        // A page without its parent leaves it held; the page that brings the order puts the line in its table.
        const QJsonObject unrelated{{QStringLiteral("changes"), QJsonArray()}, {QStringLiteral("next"), double(m_seq)}};
        QVERIFY2(SyncApplier(m_b->connection()).apply(unrelated, &error), qPrintable(error));
        QCOMPARE(count(m_b->connection(), QStringLiteral("SELECT count(*) FROM sync_held_row")), 1);
        QJsonObject laterOrder = order;
        laterOrder.insert(QStringLiteral("id"), laterOrderId);
        laterOrder.insert(QStringLiteral("confirmation_number"), QStringLiteral("Z9-2"));
        const QJsonObject parentPage{
            {QStringLiteral("changes"),
             QJsonArray{QJsonObject{{QStringLiteral("seq"), double(++m_seq)},
                                    {QStringLiteral("table"), QStringLiteral("order")},
                                    {QStringLiteral("key"), QJsonObject{{QStringLiteral("id"), laterOrderId}}},
                                    {QStringLiteral("deleted"), false},
                                    {QStringLiteral("row"), laterOrder}}}},
            {QStringLiteral("next"), double(m_seq)}};
        QVERIFY2(SyncApplier(m_b->connection()).apply(parentPage, &error), qPrintable(error));
        QCOMPARE(count(m_b->connection(), QStringLiteral("SELECT count(*) ") + lineWhere), 1);
        QCOMPARE(count(m_b->connection(), QStringLiteral("SELECT count(*) FROM sync_held_row")), 0);
        // The local database's own rules are on again after a page.
        QCOMPARE(count(m_b->connection(), QStringLiteral("PRAGMA foreign_keys")), 1);
    }

    void failedPageChangesNothing()
    {
        QString error;
        const qint64 cursor = SyncApplier(m_b->connection()).cursor(&error);
        const QString before = dump(m_b->connection());
        const QString id = core::UuidV7::generateText();
        const QJsonObject good{{QStringLiteral("id"), id},
                               {QStringLiteral("patron_number"), 777},
                               {QStringLiteral("first_name"), QStringLiteral("Zed")},
                               {QStringLiteral("last_name"), QStringLiteral("Quill")},
                               {QStringLiteral("created_at"), QStringLiteral("2026-12-01T12:00:00.000Z")},
                               {QStringLiteral("updated_at"), QStringLiteral("2026-12-01T12:00:00.000Z")}};
        QJsonObject bad = good;
        bad.insert(QStringLiteral("id"), core::UuidV7::generateText());
        bad.insert(QStringLiteral("patron_number"), 778);
        bad.insert(QStringLiteral("shoe_size"), 44);
        const auto change = [](const QJsonObject& row) {
            return QJsonObject{
                {QStringLiteral("table"), QStringLiteral("patron")},
                {QStringLiteral("key"), QJsonObject{{QStringLiteral("id"), row.value(QStringLiteral("id"))}}},
                {QStringLiteral("deleted"), false},
                {QStringLiteral("row"), row}};
        };
        const QJsonObject page{{QStringLiteral("changes"), QJsonArray{change(good), change(bad)}},
                               {QStringLiteral("next"), double(m_seq + 10)}};
        QVERIFY(!SyncApplier(m_b->connection()).apply(page, &error));
        QVERIFY2(error.contains(QStringLiteral("shoe_size")), qPrintable(error));
        QCOMPARE(dump(m_b->connection()), before);
        QCOMPARE(SyncApplier(m_b->connection()).cursor(&error), cursor);
        QVERIFY(
            m_reposB->search.search(core::SearchText::queryTokens(QStringLiteral("quill")), {}, 5, &error).isEmpty());
        // A local-only table is never taken from a page.
        const QJsonObject local{
            {QStringLiteral("changes"),
             QJsonArray{
                 QJsonObject{{QStringLiteral("table"), QStringLiteral("workstation_setting")},
                             {QStringLiteral("key"), QJsonObject{{QStringLiteral("name"), QStringLiteral("x")}}},
                             {QStringLiteral("deleted"), false},
                             {QStringLiteral("row"), QJsonObject{{QStringLiteral("name"), QStringLiteral("x")},
                                                                 {QStringLiteral("value"), QStringLiteral("y")}}}}}},
            {QStringLiteral("next"), double(m_seq + 10)}};
        QVERIFY(!SyncApplier(m_b->connection()).apply(local, &error));
        QVERIFY2(error.contains(QStringLiteral("workstation_setting")), qPrintable(error));
    }

    void aSeatSoldHereIsNamed()
    {
        QString error;
        // This workstation sells seat 3 (its push may yet be refused)...
        core::OrderDraft local;
        core::OrderLineDraft l;
        l.performanceId = m_performance;
        l.showId = m_show;
        l.performanceAt = QDateTime(QDate(2026, 12, 5), QTime(19, 30), Qt::UTC);
        l.seatId = m_seats.at(2).id;
        l.seatLabel = m_seats.at(2).label();
        l.priceTypeId = m_adult;
        l.priceTypeName = QStringLiteral("Adult");
        l.listPriceMinor = 4500;
        l.payType = QStringLiteral("cash");
        local.lines = {l};
        QList<core::MembershipCreditRule::LineError> lineErrors;
        QVERIFY2(m_reposB->orders.confirm(local, QString(), &lineErrors, &error), qPrintable(error));
        // ... and the server says another workstation sold it.
        core::OrderDraft remote = local;
        remote.id.clear();
        remote.lines[0].id.clear();
        remote.confirmationNumber.clear();
        QVERIFY2(m_reposA->orders.confirm(remote, QString(), &lineErrors, &error), qPrintable(error));
        const qint64 cursor = SyncApplier(m_b->connection()).cursor(&error);
        QVERIFY(!SyncApplier(m_b->connection()).apply(pageFrom(m_a->connection()), &error));
        QVERIFY2(error.contains(QStringLiteral("Stalls A3")), qPrintable(error));
        QCOMPARE(SyncApplier(m_b->connection()).cursor(&error), cursor);
    }

    void cleanupTestCase() { core::Clock::setInstance(nullptr); }
};

QTEST_MAIN(TestSyncApply)
#include "TestSyncApply.moc"
