#include "Database.h"
#include "PatronActivityRepository.h"
#include "PatronEngagementRepository.h"
#include "PatronRepository.h"
#include "TaskRepository.h"
#include "UuidV7.h"

#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace foyer;
using namespace foyer::storage;

namespace {

core::Patron patron(qint64 number, const QString& first, const QString& last)
{
    core::Patron p;
    p.id = core::UuidV7::generateText();
    p.patronNumber = number;
    p.firstName = first;
    p.lastName = last;
    p.createdAt = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC);
    return p;
}

QStringList lastNames(const QList<core::Patron>& patrons)
{
    QStringList names;
    for (const core::Patron& p : patrons)
        names.append(p.firstName + u' ' + p.lastName);
    return names;
}

} // namespace

class TestPatronRepository : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;

private slots:
    void initTestCase()
    {
        DatabaseError error;
        m_db = Database::open(m_dir.filePath(QStringLiteral("p.db")), QByteArray(32, '\x07'), Database::Mode::CreateNew,
                              &error);
        QVERIFY2(m_db, qPrintable(error.message));
        PatronRepository repo(m_db->connection());
        QVERIFY(repo.insertBatch({patron(1, QStringLiteral("Ada"), QStringLiteral("Smith")),
                                  patron(2, QStringLiteral("Bram"), QStringLiteral("smithson")),
                                  patron(3, QStringLiteral("Cleo"), QStringLiteral("Smyth")),
                                  patron(4, QStringLiteral("Dora"), QStringLiteral("Zane")),
                                  patron(5, QStringLiteral("Eli"), QStringLiteral("Zz")),
                                  patron(6, QStringLiteral("Abe"), QStringLiteral("Smith"))},
                                 nullptr));
    }

    void countsPatrons() { QCOMPARE(PatronRepository(m_db->connection()).count(nullptr), 6); }

    void prefixLookupIgnoresCaseAndSorts()
    {
        PatronRepository repo(m_db->connection());
        QCOMPARE(
            lastNames(repo.findByLastNamePrefix(QStringLiteral("smi"), 10, nullptr)),
            (QStringList{QStringLiteral("Abe Smith"), QStringLiteral("Ada Smith"), QStringLiteral("Bram smithson")}));
        QCOMPARE(lastNames(repo.findByLastNamePrefix(QStringLiteral("SM"), 2, nullptr)),
                 (QStringList{QStringLiteral("Abe Smith"), QStringLiteral("Ada Smith")}));
        QCOMPARE(lastNames(repo.findByLastNamePrefix(QStringLiteral("Z"), 10, nullptr)),
                 (QStringList{QStringLiteral("Dora Zane"), QStringLiteral("Eli Zz")}));
        QCOMPARE(lastNames(repo.findByLastNamePrefix(QStringLiteral("Zz"), 10, nullptr)),
                 QStringList{QStringLiteral("Eli Zz")});
        QVERIFY(repo.findByLastNamePrefix(QStringLiteral("q"), 10, nullptr).isEmpty());
    }

    void lookupUsesTheIndex()
    {
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("EXPLAIN QUERY PLAN SELECT id FROM patron WHERE last_name >= 'a' COLLATE NOCASE "
                                      "AND last_name < 'b' COLLATE NOCASE ORDER BY last_name COLLATE NOCASE, "
                                      "first_name COLLATE NOCASE LIMIT 5")));
        QStringList plan;
        while (q.next())
            plan.append(q.value(3).toString());
        QVERIFY2(plan.join(u' ').contains(QStringLiteral("patron_last_name")), qPrintable(plan.join(u' ')));
    }

    void findsByIdAndSkipsTombstones()
    {
        PatronRepository repo(m_db->connection());
        const core::Patron first = repo.findByLastNamePrefix(QStringLiteral("Smyth"), 1, nullptr).value(0);
        QCOMPARE(repo.findById(first.id, nullptr)->firstName, QStringLiteral("Cleo"));
        QCOMPARE(repo.findById(first.id, nullptr)->createdAt, QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC));
        QSqlQuery q(m_db->connection());
        q.prepare(QStringLiteral("UPDATE patron SET deleted_at = ? WHERE id = ?"));
        q.addBindValue(QDateTime::currentDateTimeUtc());
        q.addBindValue(first.id);
        QVERIFY(q.exec());
        QCOMPARE(repo.count(nullptr), 5);
        QVERIFY(repo.findByLastNamePrefix(QStringLiteral("Smyth"), 1, nullptr).isEmpty());
        QString numberError;
        QCOMPARE(repo.nextPatronNumber(&numberError), 7);
    }

    void profileReadsReportTheDatabasesRefusal()
    {
        PatronRepository patrons(m_db->connection());
        const QString id = *patrons.idForPatronNumber(1, nullptr);
        QSqlQuery q(m_db->connection());
        const QStringList tables = {QStringLiteral("contact_log"), QStringLiteral("mailing_list_subscription"),
                                    QStringLiteral("patron_phone"), QStringLiteral("activity")};
        // Renamed away, each table is one a read names that the driver then refuses to prepare.
        for (const QString& table : tables)
            QVERIFY2(q.exec(QStringLiteral("ALTER TABLE %1 RENAME TO %1_away").arg(table)),
                     qPrintable(q.lastError().text()));
        auto restore = qScopeGuard([&] {
            for (const QString& table : tables)
                q.exec(QStringLiteral("ALTER TABLE %1_away RENAME TO %1").arg(table));
        });

        QString error;
        QVERIFY(PatronActivityRepository(m_db->connection()).contactLogs(id, &error).isEmpty());
        QVERIFY2(error.contains(QStringLiteral("no such table: contact_log")), qPrintable(error));
        error.clear();
        PatronEngagementRepository(m_db->connection()).engagement(id, &error);
        QVERIFY2(error.contains(QStringLiteral("no such table: mailing_list_subscription")), qPrintable(error));
        error.clear();
        QVERIFY(!patrons.loadProfile(id, &error));
        QVERIFY2(error.contains(QStringLiteral("no such table: patron_phone")), qPrintable(error));
        error.clear();
        QVERIFY(TaskRepository(m_db->connection()).forPatron(id, &error).isEmpty());
        QVERIFY2(error.contains(QStringLiteral("no such table: activity")), qPrintable(error));

        restore.dismiss();
        for (const QString& table : tables)
            QVERIFY(q.exec(QStringLiteral("ALTER TABLE %1_away RENAME TO %1").arg(table)));
        error.clear();
        QVERIFY(PatronActivityRepository(m_db->connection()).contactLogs(id, &error).isEmpty()); // none written
        QVERIFY(patrons.loadProfile(id, &error));
        PatronEngagementRepository(m_db->connection()).engagement(id, &error);
        TaskRepository(m_db->connection()).forPatron(id, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error)); // an empty answer from a readable table is not an error
    }

    void aPatronThatIsNotThereIsNotAnError()
    {
        PatronRepository patrons(m_db->connection());
        QString error;
        QVERIFY(!patrons.findById(QStringLiteral("no-such-patron"), &error));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(!patrons.loadProfile(QStringLiteral("no-such-patron"), &error));
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void duplicatePatronNumberIsRefusedAndNothingIsWritten()
    {
        PatronRepository repo(m_db->connection());
        QString error;
        QVERIFY(!repo.insertBatch({patron(50, QStringLiteral("New"), QStringLiteral("Person")),
                                   patron(1, QStringLiteral("Dup"), QStringLiteral("Number"))},
                                  &error));
        QVERIFY2(error.contains(QStringLiteral("UNIQUE")), qPrintable(error));
        QCOMPARE(repo.count(nullptr), 5); // the first, valid row was rolled back with the batch
    }
};

QTEST_GUILESS_MAIN(TestPatronRepository)
#include "TestPatronRepository.moc"
