// The first upload, with a real PostgreSQL, a real foyer-server process and a real keychain: a workstation whose rows
// were written before sync existed (no operation carries them: migration 10 dropped the old outbox) registers, its
// rows go up in the first push, and a fresh workstation pulls every one of them, table by table and column by
// column. An upload stopped half way resumes at the next registration and sends no row twice.
#include "BoxOfficeDaySeeder.h"
#include "Clock.h"
#include "DemoDataWriter.h"
#include "InitialUpload.h"
#include "StaffSignIn.h"
#include "StorageFailure.h"
#include "SyncCapture.h"
#include "SyncContext.h"
#include "SyncStack.h"
#include "SyntheticActivityGenerator.h"
#include "SyntheticPatronGenerator.h"
#include "SyntheticProfileGenerator.h"
#include "Transaction.h"
#include "VenueSeeder.h"
#include "WorkstationIdentity.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace foyer;
using foyer::testing::SyncStack;
using foyer::testing::SyncWorkstation;

namespace {

qint64 count(QSqlDatabase db, const QString& sql, const QVariantList& values = {})
{
    QSqlQuery q(db);
    q.prepare(sql);
    for (const QVariant& value : values)
        q.addBindValue(value);
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

QString quoted(const QString& identifier)
{
    return u'"' + QString(identifier).replace(u'"', QStringLiteral("\"\"")) + u'"';
}

// Every row of a table as the JSON text of all its columns, by primary key.
QMap<QString, QString> rowsOf(QSqlDatabase db, const QString& table)
{
    QString error;
    const QStringList columns = storage::SyncCapture::columns(db, table, &error);
    const QStringList key = storage::SyncCapture::primaryKey(db, table, &error);
    QStringList fields, keyParts;
    for (const QString& column : columns)
        fields << u'\'' + column + u'\'' << quoted(column);
    for (const QString& column : key)
        keyParts << QStringLiteral("CAST(%1 AS TEXT)").arg(quoted(column));
    QSqlQuery q(db);
    QMap<QString, QString> rows;
    if (!q.exec(QStringLiteral("SELECT %1, json_object(%2) FROM %3")
                    .arg(keyParts.join(QStringLiteral(" || '|' || ")), fields.join(u','), quoted(table)))) {
        rows.insert(QStringLiteral("<error>"), q.lastError().text());
        return rows;
    }
    while (q.next())
        rows.insert(q.value(0).toString(), q.value(1).toString());
    return rows;
}

// How many insert changes of sync_outbox name each row ("table|key text").
QMap<QString, int> insertsPerRow(QSqlDatabase db)
{
    QMap<QString, int> inserts;
    QSqlQuery q(db);
    q.exec(QStringLiteral("SELECT changes FROM sync_outbox"));
    while (q.next())
        for (const QJsonValue& value : QJsonDocument::fromJson(q.value(0).toString().toUtf8()).array()) {
            const QJsonObject change = value.toObject();
            if (change.value(QStringLiteral("op")).toString() == QLatin1String("insert"))
                ++inserts[change.value(QStringLiteral("table")).toString() + u'|' +
                          QString::fromUtf8(QJsonDocument(change.value(QStringLiteral("key")).toObject())
                                                .toJson(QJsonDocument::Compact))];
        }
    return inserts;
}

// A workstation's rows as a database from before sync has them: no operation carries any of them (what migration 10
// left: it dropped the outbox of earlier versions).
bool forgetOperations(QSqlDatabase db, QString* error)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("DELETE FROM sync_outbox")))
        return storage::fail(error, q.lastError().text());
    return true;
}

bool createStaff(SyncWorkstation& workstation, QString* error)
{
    startup::StaffSignIn local(&workstation.repos->staff);
    for (const auto& [username, role] : {std::pair{QStringLiteral("admin"), core::StaffMember::Role::Admin},
                                         std::pair{QStringLiteral("boxoffice"), core::StaffMember::Role::BoxOffice},
                                         std::pair{QStringLiteral("manager"), core::StaffMember::Role::Manager}}) {
        core::StaffMember member;
        member.username = username;
        member.displayName = username.toUpper();
        member.email = username + QStringLiteral("@venue.example");
        member.role = role;
        if (!local.createAccount(member, core::SecureBuffer::copyOf(QByteArrayView("local password 2026")), error))
            return false;
    }
    return true;
}

// Synthetic patrons with what they did, written as foyer-seed writes them (storage::DemoDataWriter).
bool seedPatrons(SyncWorkstation& workstation, quint32 seed, qint64 firstNumber, int patrons, bool withOrders,
                 const QStringList& showIds, QString* error)
{
    storage::DemoDataWriter writer(workstation.db());
    seed::SyntheticPatronGenerator generator(seed, firstNumber);
    seed::SyntheticActivityGenerator activities(seed);
    seed::SyntheticProfileGenerator profiles(seed, generator.lastNames(), core::Clock::today());
    const QString author = workstation.repos->staff.findByUsername(QStringLiteral("admin"), error)->member.id;
    bool ok = writer.begin(error);
    for (int i = 0; ok && i < patrons; ++i) {
        auto [patron, contacts] = generator.nextWithContacts();
        const seed::SyntheticProfileGenerator::Extras extras = profiles.forPatron(i, patron);
        ok = workstation.repos->patrons.insert(patron, error, contacts);
        for (const auto& address : extras.addresses)
            ok = ok && writer.addAddress(patron.id, address, error);
        for (const auto& note : extras.notes)
            ok = ok && writer.addNote(patron.id, note.body, note.popUp, author, error);
        const seed::SyntheticActivityGenerator::Activity activity = activities.forPatron(patron.createdAt);
        for (const auto& log : activity.logs)
            ok = ok && writer.addContactLog(patron.id, log, error);
        for (const auto& event : activity.history)
            ok = ok && writer.addHistory(patron.id, event, error);
        if (!withOrders)
            continue;
        for (const auto& [membership, renewedBy] : extras.memberships) {
            ok = ok && writer.addMembership(patron.id, membership, renewedBy, error);
            ok = ok && writer.addMembershipCredits(membership.id, showIds, 2, error);
        }
        for (const QString& list : extras.mailingLists)
            ok = ok && writer.addMailingListSubscription(patron.id, list, error);
        for (const auto& order : activity.orders)
            ok = ok && writer.addOrder(patron.id, order, error);
        for (const auto& recurring : activity.recurring)
            ok = ok && writer.addRecurringDonation(patron.id, recurring, error);
        if (i % 7 == 0)
            ok = ok && writer.addTag(patron.id, QStringLiteral("VIP"), error);
    }
    return writer.finish(ok, error) && ok;
}

} // namespace

class TestSyncFirstUpload : public QObject
{
    Q_OBJECT

    SyncStack m_stack;
    SyncWorkstation* m_old = nullptr;

    // Every synced table of `from` has exactly its rows in `into` (every column equal); tables with rows counted.
    void compareTables(SyncWorkstation& from, SyncWorkstation& into, bool exactly, int* tablesWithRows)
    {
        QString error;
        const QStringList tables = storage::SyncCapture::syncedTables(from.db(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        *tablesWithRows = 0;
        for (const QString& table : tables) {
            const QMap<QString, QString> theirs = rowsOf(from.db(), table);
            const QMap<QString, QString> ours = rowsOf(into.db(), table);
            if (exactly)
                QVERIFY2(theirs.size() == ours.size(),
                         qPrintable(
                             QStringLiteral("%1: %2 rows, %3 pulled").arg(table).arg(theirs.size()).arg(ours.size())));
            for (auto it = theirs.cbegin(); it != theirs.cend(); ++it)
                QVERIFY2(ours.value(it.key()) == it.value(),
                         qPrintable(
                             QStringLiteral("%1 %2:\n  %3\n  %4")
                                 .arg(table, it.key(), it.value(), ours.value(it.key(), QStringLiteral("<missing>")))));
            if (!theirs.isEmpty())
                ++*tablesWithRows;
        }
    }

    // Pushes and pulls until nothing waits; every operation applied.
    void syncAll(SyncWorkstation& workstation)
    {
        for (int round = 0; round < 20; ++round) {
            const sync::SyncRound result = m_stack.syncRound(workstation);
            QVERIFY2(result.ok, qPrintable(result.problem));
            if (result.refused > 0) {
                QString error;
                QStringList reasons;
                for (const auto& refusal : *workstation.repos->syncOutbox.refused(20, &error))
                    reasons << refusal.reason;
                QFAIL(qPrintable(reasons.join(u'\n')));
            }
            if (count(workstation.db(), QStringLiteral("SELECT count(*) FROM sync_outbox WHERE status = 'pending'")) ==
                0)
                return;
        }
        QFAIL("operations still wait after 20 rounds");
    }

    // Every synced row has exactly one insert in the outbox.
    void everyRowInsertedOnce(SyncWorkstation& workstation)
    {
        const QMap<QString, int> inserts = insertsPerRow(workstation.db());
        for (auto it = inserts.cbegin(); it != inserts.cend(); ++it)
            QVERIFY2(it.value() == 1, qPrintable(QStringLiteral("%1 inserted %2 times").arg(it.key()).arg(it.value())));
        QString error;
        qint64 rows = 0;
        for (const QString& table : storage::SyncCapture::syncedTables(workstation.db(), &error))
            rows += count(workstation.db(), QStringLiteral("SELECT count(*) FROM %1").arg(quoted(table)));
        QCOMPARE(qint64(inserts.size()), rows);
    }

private slots:
    void initTestCase()
    {
        const QString started = m_stack.start();
        QVERIFY2(started.isEmpty(), qPrintable(started));
    }

    void rowsFromBeforeSyncReachAFreshWorkstation()
    {
        QString problem;
        m_old = m_stack.openWorkstation(QStringLiteral("before-sync"), &problem);
        QVERIFY2(m_old, qPrintable(problem));
        QVERIFY2(createStaff(*m_old, &problem), qPrintable(problem));
        storage::SyncContext::setStaffId(
            m_old->repos->staff.findByUsername(QStringLiteral("admin"), &problem)->member.id);
        const seed::VenueSeeder::Venue venue = seed::VenueSeeder::ensure(m_old->repos->venue, &problem);
        QVERIFY2(!venue.showIds.isEmpty(), qPrintable(problem));
        QVERIFY2(seedPatrons(*m_old, 7, 1, 60, true, venue.friendShowIds, &problem), qPrintable(problem));
        QVERIFY2(seed::BoxOfficeDaySeeder::run(*m_old->repos, &problem), qPrintable(problem));
        QVERIFY2(forgetOperations(m_old->db(), &problem), qPrintable(problem));

        // Used after sync came, before registering: an edit of an old note, an edit of an old patron and a new note
        // on that patron (operations that change or name rows the server does not have yet: they must go after the
        // upload). The edited patron moves behind its orders and notes in the server's change sequence, pages later
        // in the fresh workstation's first pull, which holds them back until the patron comes (SyncApplier).
        const QString oldPatron = m_old->repos->patrons.firstIds(1, &problem).value(0);
        QVERIFY(!oldPatron.isEmpty());
        {
            storage::Transaction txn(m_old->db(), &problem);
            QSqlQuery q(m_old->db());
            q.prepare(QStringLiteral("UPDATE note SET body = 'Renamed' WHERE id = (SELECT min(id) FROM note)"));
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            QVERIFY2(txn.finish(true), qPrintable(problem));
        }
        {
            storage::Transaction txn(m_old->db(), &problem);
            QSqlQuery q(m_old->db());
            q.prepare(QStringLiteral("UPDATE patron SET nickname = 'Edited late' WHERE id = ?"));
            q.addBindValue(oldPatron);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            QVERIFY2(txn.finish(true), qPrintable(problem));
        }
        {
            storage::DemoDataWriter writer(m_old->db());
            QVERIFY(writer.begin(&problem));
            const QString admin = m_old->repos->staff.findByUsername(QStringLiteral("admin"), &problem)->member.id;
            QVERIFY2(writer.finish(writer.addNote(oldPatron, QStringLiteral("After sync came"), false, admin, &problem),
                                   &problem),
                     qPrintable(problem));
        }
        const qint64 localOperations = count(m_old->db(), QStringLiteral("SELECT count(*) FROM sync_outbox"));
        QCOMPARE(localOperations, 3);

        const qint64 waiting = storage::InitialUpload(m_old->db()).pendingRows(&problem);
        QVERIFY2(waiting > 3000, qPrintable(QStringLiteral("%1 rows to upload: %2").arg(waiting).arg(problem)));
        qint64 lastDone = 0, reportedTotal = 0;
        QVERIFY2(m_stack.registerWorkstation(*m_old, &problem,
                                             [&](qint64 done, qint64 total) {
                                                 lastDone = done;
                                                 reportedTotal = total;
                                                 return true;
                                             }),
                 qPrintable(problem));
        QCOMPARE(reportedTotal, waiting);
        QCOMPARE(lastDone, waiting);
        QCOMPARE(storage::InitialUpload(m_old->db()).pendingRows(&problem), 0);
        everyRowInsertedOnce(*m_old);
        // The operations made before registering come after every upload operation.
        QCOMPARE(count(m_old->db(),
                       QStringLiteral("SELECT count(*) FROM sync_outbox a, sync_outbox u WHERE a.summary NOT LIKE "
                                      "'Upload from before sync:%' AND u.summary LIKE 'Upload from before sync:%' AND "
                                      "a.hlc < u.hlc")),
                 0);
        // Attributed to the registering admin (the server's account), in chunks of at most 500 rows of one table.
        QCOMPARE(count(m_old->db(), QStringLiteral("SELECT count(*) FROM sync_outbox WHERE staff_id IS NOT ? "),
                       {m_stack.staffId()}),
                 0);
        QVERIFY(count(m_old->db(), QStringLiteral("SELECT count(*) FROM sync_outbox")) >= waiting / 500 + 2);

        syncAll(*m_old);
        if (QTest::currentTestFailed())
            return;
        SyncWorkstation* fresh = m_stack.addWorkstation(QStringLiteral("fresh"), &problem);
        QVERIFY2(fresh, qPrintable(problem));
        QCOMPARE(storage::InitialUpload(fresh->db()).pendingRows(&problem), 0);
        syncAll(*fresh);
        if (QTest::currentTestFailed())
            return;
        int tables = 0;
        compareTables(*m_old, *fresh, true, &tables);
        QVERIFY2(tables >= 20, qPrintable(QString::number(tables)));
        QCOMPARE(count(fresh->db(), QStringLiteral("SELECT count(*) FROM note WHERE body = 'Renamed'")), 1);
        QCOMPARE(count(fresh->db(), QStringLiteral("SELECT count(*) FROM note WHERE body = 'After sync came'")), 1);
        QCOMPARE(count(fresh->db(), QStringLiteral("SELECT count(*) FROM patron WHERE nickname = 'Edited late'")), 1);
        QCOMPARE(count(fresh->db(), QStringLiteral("SELECT count(*) FROM sync_held_row")), 0);
        QCOMPARE(count(fresh->db(), QStringLiteral("SELECT count(*) FROM sync_outbox")), 0);

        // Registering again (or after pulling) uploads nothing: no row goes twice.
        const qint64 operations = count(m_old->db(), QStringLiteral("SELECT count(*) FROM sync_outbox"));
        QVERIFY2(m_stack.registerWorkstation(*m_old, &problem), qPrintable(problem));
        QCOMPARE(count(m_old->db(), QStringLiteral("SELECT count(*) FROM sync_outbox")), operations);
    }

    void anInterruptedUploadResumesWithoutSendingARowTwice()
    {
        QVERIFY2(m_old, "the first workstation was not made");
        QString problem;
        SyncWorkstation* stopped = m_stack.openWorkstation(QStringLiteral("stopped"), &problem);
        QVERIFY2(stopped, qPrintable(problem));
        QVERIFY2(createStaff(*stopped, &problem), qPrintable(problem));
        // Patron numbers of its own range: this test is not about clashes.
        QVERIFY2(seedPatrons(*stopped, 11, 900001, 700, false, {}, &problem), qPrintable(problem));
        QVERIFY2(forgetOperations(stopped->db(), &problem), qPrintable(problem));
        const qint64 patronsBefore = count(m_old->db(), QStringLiteral("SELECT count(*) FROM patron"));
        const qint64 waiting = storage::InitialUpload(stopped->db()).pendingRows(&problem);
        QVERIFY2(waiting > 1500, qPrintable(QString::number(waiting)));

        // Stopped after two operations (as a killed process would be between two chunks: each is one transaction).
        int operations = 0;
        QVERIFY(!m_stack.registerWorkstation(*stopped, &problem, [&](qint64, qint64) { return ++operations < 2; }));
        QVERIFY2(problem.contains(QStringLiteral("interrupted")), qPrintable(problem));
        QCOMPARE(count(stopped->db(), QStringLiteral("SELECT count(*) FROM sync_outbox")), 2);
        QString loadError;
        QVERIFY(storage::WorkstationIdentity(stopped->db()).load(&loadError)->workstationId.isEmpty());
        const qint64 left = storage::InitialUpload(stopped->db()).pendingRows(&problem);
        QCOMPARE(left, waiting - insertsPerRow(stopped->db()).size());
        QVERIFY(left < waiting);

        qint64 resumedTotal = 0;
        QVERIFY2(m_stack.registerWorkstation(*stopped, &problem,
                                             [&](qint64, qint64 total) {
                                                 resumedTotal = total;
                                                 return true;
                                             }),
                 qPrintable(problem));
        QCOMPARE(resumedTotal, left);
        everyRowInsertedOnce(*stopped);
        syncAll(*stopped);
        if (QTest::currentTestFailed())
            return;

        // The first workstation pulls them all, beside its own.
        syncAll(*m_old);
        if (QTest::currentTestFailed())
            return;
        int tables = 0;
        compareTables(*stopped, *m_old, false, &tables);
        QVERIFY(tables >= 5);
        QCOMPARE(count(m_old->db(), QStringLiteral("SELECT count(*) FROM patron")), patronsBefore + 700);
        QCOMPARE(count(stopped->db(), QStringLiteral("SELECT count(*) FROM patron")), patronsBefore + 700);
    }
};

QTEST_GUILESS_MAIN(TestSyncFirstUpload)
#include "TestSyncFirstUpload.moc"
