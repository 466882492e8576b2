#include "Database.h"
#include "PatronRepository.h"
#include "UuidV7.h"

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

    void countsPatrons() { QCOMPARE(PatronRepository(m_db->connection()).count(), 6); }

    void prefixLookupIgnoresCaseAndSorts()
    {
        PatronRepository repo(m_db->connection());
        QCOMPARE(
            lastNames(repo.findByLastNamePrefix(QStringLiteral("smi"), 10)),
            (QStringList{QStringLiteral("Abe Smith"), QStringLiteral("Ada Smith"), QStringLiteral("Bram smithson")}));
        QCOMPARE(lastNames(repo.findByLastNamePrefix(QStringLiteral("SM"), 2)),
                 (QStringList{QStringLiteral("Abe Smith"), QStringLiteral("Ada Smith")}));
        QCOMPARE(lastNames(repo.findByLastNamePrefix(QStringLiteral("Z"), 10)),
                 (QStringList{QStringLiteral("Dora Zane"), QStringLiteral("Eli Zz")}));
        QCOMPARE(lastNames(repo.findByLastNamePrefix(QStringLiteral("Zz"), 10)), QStringList{QStringLiteral("Eli Zz")});
        QVERIFY(repo.findByLastNamePrefix(QStringLiteral("q"), 10).isEmpty());
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
        const core::Patron first = repo.findByLastNamePrefix(QStringLiteral("Smyth"), 1).value(0);
        QCOMPARE(repo.findById(first.id)->firstName, QStringLiteral("Cleo"));
        QCOMPARE(repo.findById(first.id)->createdAt, QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC));
        QSqlQuery q(m_db->connection());
        q.prepare(QStringLiteral("UPDATE patron SET deleted_at = ? WHERE id = ?"));
        q.addBindValue(QDateTime::currentDateTimeUtc());
        q.addBindValue(first.id);
        QVERIFY(q.exec());
        QCOMPARE(repo.count(), 5);
        QVERIFY(repo.findByLastNamePrefix(QStringLiteral("Smyth"), 1).isEmpty());
        QCOMPARE(repo.nextPatronNumber(), 7);
    }

    void duplicatePatronNumberIsRefusedAndNothingIsWritten()
    {
        PatronRepository repo(m_db->connection());
        QString error;
        QVERIFY(!repo.insertBatch({patron(50, QStringLiteral("New"), QStringLiteral("Person")),
                                   patron(1, QStringLiteral("Dup"), QStringLiteral("Number"))},
                                  &error));
        QVERIFY2(error.contains(QStringLiteral("UNIQUE")), qPrintable(error));
        QCOMPARE(repo.count(), 5); // the first, valid row was rolled back with the batch
    }
};

QTEST_GUILESS_MAIN(TestPatronRepository)
#include "TestPatronRepository.moc"
