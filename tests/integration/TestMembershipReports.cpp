// Membership seat credits by show and membership renewals due, from a seeded database: PDF (pdftotext) and CSV
// checked against independent SQL counts.
#include "Clock.h"
#include "Database.h"
#include "DemoDataWriter.h"
#include "PatronFixtures.h"
#include "ReportBuilder.h"
#include "ReportChecks.h"
#include "Repositories.h"

#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

using namespace foyer;

class TestMembershipReports : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::Repositories> m_repos;
    QString m_show;
    QStringList m_performances;
    QString m_adult;
    QList<core::SeatMap::Seat> m_seats;
    QDate m_firstDay;

    core::OrderLineDraft line(int performance, int seat, const QString& membership)
    {
        core::OrderLineDraft l;
        l.performanceId = m_performances.at(performance);
        l.showId = m_show;
        l.performanceAt = QDateTime(m_firstDay.addDays(performance), QTime(19, 30)).toUTC();
        l.seatId = m_seats.at(seat).id;
        l.seatLabel = m_seats.at(seat).label();
        l.priceTypeId = m_adult;
        l.priceTypeName = QStringLiteral("Adult");
        l.listPriceMinor = 4500;
        l.payType = QStringLiteral("membership");
        l.membershipNumber = membership;
        return l;
    }

    QString addMember(storage::DemoDataWriter& writer, const QString& first, const QString& last, const QString& number,
                      const QString& level, const QDate& validUntil, int credits, const QString& renewedBy = QString())
    {
        const QString patron = testing::addPatron(m_repos->patrons, first, last,
                                                  first.toLower() + QStringLiteral("@example.org"), QString());
        core::Membership m;
        m.id = core::UuidV7::generateText();
        m.membershipNumber = number;
        m.levelName = level;
        m.validFrom = validUntil.addYears(-1);
        m.validUntil = validUntil;
        QString e;
        if (!writer.addMembership(patron, m, renewedBy, &e) ||
            (credits > 0 && !writer.addMembershipCredits(m.id, {m_show}, credits, &e)))
            qFatal("member: %s", qPrintable(e));
        return m.id;
    }

private slots:
    void initTestCase()
    {
        storage::DatabaseError error;
        m_db = storage::Database::open(m_dir.filePath(QStringLiteral("members.db")), QByteArray(32, '\x4d'),
                                       storage::Database::Mode::CreateNew, &error);
        QVERIFY2(m_db, qPrintable(error.message));
        m_repos = std::make_unique<storage::Repositories>(m_db->connection());
        QString e;
        QString csv = QStringLiteral("section,row,seat,x,y\n");
        for (int s = 1; s <= 8; ++s)
            csv += QStringLiteral("Stalls,A,%1,%1,1\n").arg(s);
        const QString hall = m_repos->venue.importSeatMap(QStringLiteral("Main"), csv, &e);
        QString seatsError;
        m_seats = m_repos->venue.seats(hall, &seatsError);
        QVERIFY2(seatsError.isEmpty(), qPrintable(seatsError));
        m_show = m_repos->venue.addShow(QStringLiteral("The Tempest"), QStringLiteral("2026/27"), &e);
        m_firstDay = core::Clock::today().addDays(5);
        for (int p = 0; p < 2; ++p)
            m_performances.append(m_repos->venue.addPerformance(
                m_show, hall, QDateTime(m_firstDay.addDays(p), QTime(19, 30)).toUTC(), {}, &e));
        m_adult = m_repos->venue.addPriceType(m_show, QStringLiteral("Adult"), 4500, &e);
        QVERIFY(!m_repos->venue.addBenefitLevel(QStringLiteral("Friend"), true, {m_show}, &e).isEmpty());
        QVERIFY(!m_repos->venue.addBenefitLevel(QStringLiteral("Life Member"), false, {m_show}, &e).isEmpty());

        storage::DemoDataWriter writer(m_db->connection());
        const QDate today = core::Clock::today();
        addMember(writer, QStringLiteral("Ada"), QStringLiteral("Lovelace"), QStringLiteral("M-1"),
                  QStringLiteral("Friend"), today.addMonths(6), 2);
        const QString grace = addMember(writer, QStringLiteral("Grace"), QStringLiteral("Hopper"),
                                        QStringLiteral("M-2"), QStringLiteral("Friend"), today.addMonths(6), 1);
        // Renewals: due in ten days, past due for twenty, a renewed one, one outside the range, a life member.
        addMember(writer, QStringLiteral("Alan"), QStringLiteral("Turing"), QStringLiteral("M-3"),
                  QStringLiteral("Friend"), today.addDays(10), 0);
        addMember(writer, QStringLiteral("Edsger"), QStringLiteral("Dijkstra"), QStringLiteral("M-4"),
                  QStringLiteral("Friend"), today.addDays(-20), 0);
        const QString renewal = addMember(writer, QStringLiteral("Barbara"), QStringLiteral("Liskov"),
                                          QStringLiteral("M-5b"), QStringLiteral("Friend"), today.addYears(1), 0);
        addMember(writer, QStringLiteral("Barbara"), QStringLiteral("Liskov2"), QStringLiteral("M-5"),
                  QStringLiteral("Friend"), today.addDays(5), 0, renewal);
        addMember(writer, QStringLiteral("Donald"), QStringLiteral("Knuth"), QStringLiteral("M-6"),
                  QStringLiteral("Friend"), today.addDays(200), 0);
        addMember(writer, QStringLiteral("Frances"), QStringLiteral("Allen"), QStringLiteral("M-7"),
                  QStringLiteral("Life Member"), today.addDays(3), 0);

        // Ada uses one credit at each performance; Grace one at the first, and her credits are then corrected to
        // none (as a sync from another workstation might leave them): that use is flagged.
        QList<core::MembershipCreditRule::LineError> lineErrors;
        core::OrderDraft ada1, ada2, grace1;
        const QString adaId = *m_repos->patrons.idForPatronNumber(1, nullptr);
        ada1.patronId = ada2.patronId = adaId;
        ada1.lines = {line(0, 0, QStringLiteral("M-1"))};
        ada2.lines = {line(1, 1, QStringLiteral("M-1"))};
        grace1.lines = {line(0, 2, QStringLiteral("M-2"))};
        for (core::OrderDraft* order : {&ada1, &ada2, &grace1})
            QVERIFY2(m_repos->orders.confirm(*order, QString(), &lineErrors, &e), qPrintable(e));
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("UPDATE membership_credit SET seats = 0 WHERE membership_id = '%1'").arg(grace)));
    }

    void creditsByShowAgreeWithTheDatabase()
    {
        reports::ReportRequest request;
        request.kind = reports::ReportRequest::Kind::MembershipCredits;
        request.from = m_firstDay;
        request.to = m_firstDay.addDays(7);
        reports::ReportDocument report;
        QString e;
        QVERIFY(reports::ReportBuilder::build(*m_repos, request, &report, &e));
        report.printedBy = QStringLiteral("Mo Manager");
        report.printedAt = QDateTime::currentDateTimeUtc();
        const qint64 used = testing::sqlNumber(
            m_db->connection(), QStringLiteral("SELECT count(*) FROM membership_seat_use u JOIN order_line l ON l.id = "
                                               "u.order_line_id WHERE l.status = 'active' AND u.deleted_at IS NULL"));
        QCOMPARE(used, 3);

        const QString pdf = m_dir.filePath(QStringLiteral("credits.pdf"));
        QVERIFY(report.writePdf(pdf));
        const QString printed = testing::pdfText(pdf);
        QVERIFY2(printed.contains(QStringLiteral("Membership seat credits by show")), qPrintable(printed));
        QVERIFY(printed.contains(QStringLiteral("Grace Hopper")));
        QVERIFY(printed.contains(QStringLiteral("over the credits")));
        QVERIFY(printed.contains(QStringLiteral("The Tempest")));
        testing::keepForDocs(pdf, QStringLiteral("membership-credits.pdf"));

        const QByteArray csv = report.csv();
        const auto summary = testing::csvSection(csv, QStringLiteral("By performance"));
        QCOMPARE(summary.size(), 3); // two performances and the total
        QCOMPARE(summary.constLast().value(3).toLongLong(), used);
        QCOMPARE(summary.at(0).value(2), QStringLiteral("2")); // Ada and Grace at the first
        const auto flagged = testing::csvSection(csv, QStringLiteral("Flagged for review"));
        QCOMPARE(flagged.size(), 1);
        QCOMPARE(flagged.constFirst().value(1), QStringLiteral("M-2"));
        // Ada's row at the second performance: one used there, none left for the show.
        bool found = false;
        for (const core::Csv::Row& row : core::Csv::parse(QString::fromUtf8(csv)))
            if (row.fields.value(0) == QLatin1String("M-1") && row.fields.value(4) == QLatin1String("0"))
                found = true;
        QVERIFY(found);
    }

    void renewalsDueListsWhoToCall()
    {
        const QDate today = core::Clock::today();
        reports::ReportRequest request;
        request.kind = reports::ReportRequest::Kind::RenewalsDue;
        request.from = today.addDays(-60);
        request.to = today.addDays(30);
        reports::ReportDocument report;
        QString e;
        QVERIFY(reports::ReportBuilder::build(*m_repos, request, &report, &e));
        report.printedBy = QStringLiteral("Mo Manager");
        report.printedAt = QDateTime::currentDateTimeUtc();
        const qint64 expected = testing::sqlNumber(
            m_db->connection(),
            QStringLiteral("SELECT count(*) FROM membership m JOIN benefit_level b ON b.id = m.benefit_level_id WHERE "
                           "b.recurring = 1 AND m.renewed_by_id IS NULL AND m.valid_until BETWEEN '%1' AND '%2'")
                .arg(request.from.toString(Qt::ISODate), request.to.toString(Qt::ISODate)));
        QCOMPARE(expected, 2); // Alan (due) and Edsger (past due)

        const QString pdf = m_dir.filePath(QStringLiteral("renewals.pdf"));
        QVERIFY(report.writePdf(pdf));
        const QString printed = testing::pdfText(pdf);
        QVERIFY2(printed.contains(QStringLiteral("Alan Turing")), qPrintable(printed));
        QVERIFY(printed.contains(QStringLiteral("Edsger Dijkstra")));
        QVERIFY(printed.contains(QStringLiteral("alan@example.org")));
        QVERIFY(printed.contains(QStringLiteral("Past due")));
        QVERIFY(!printed.contains(QStringLiteral("Liskov2"))); // renewed
        QVERIFY(!printed.contains(QStringLiteral("Knuth")));   // ends later
        QVERIFY(!printed.contains(QStringLiteral("Allen")));   // does not recur
        testing::keepForDocs(pdf, QStringLiteral("renewals-due.pdf"));

        const auto rows = testing::csvSection(report.csv(), QStringLiteral("Memberships to renew"));
        QCOMPARE(rows.size(), expected + 1);                  // and the total row
        QCOMPARE(rows.at(0).value(1), QStringLiteral("M-4")); // soonest first: the lapsed one
        QCOMPARE(rows.at(1).value(5), QStringLiteral("alan@example.org"));
    }

    void patronSheetFitsTwoPages()
    {
        // Ada, with a contact log and a note beside her two orders and membership.
        const QString ada = *m_repos->patrons.idForPatronNumber(1, nullptr);
        core::ContactLog log;
        log.kind = QStringLiteral("meeting");
        log.direction = QStringLiteral("outbound");
        log.subject = QStringLiteral("Naming the studio");
        log.outcome = QStringLiteral("Will consider a major gift");
        log.occurredAt = QDateTime::currentDateTimeUtc().addDays(-2);
        QString e;
        core::StaffMember dee;
        dee.id = core::UuidV7::generateText();
        dee.username = QStringLiteral("dee");
        dee.displayName = QStringLiteral("Dee Velopment");
        dee.role = core::StaffMember::Role::Development;
        QVERIFY(m_repos->staff.create(dee, QStringLiteral("$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA"), &e));
        QVERIFY2(m_repos->activity.addContactLog(ada, log, dee.id, &e), qPrintable(e));
        QVERIFY2(m_repos->activity.addNote(ada, QStringLiteral("Prefers mornings"), false, dee.id, &e), qPrintable(e));

        reports::ReportRequest request;
        request.kind = reports::ReportRequest::Kind::PatronSheet;
        request.patronNumber = 999;
        reports::ReportDocument report;
        QVERIFY(!reports::ReportBuilder::build(*m_repos, request, &report, &e));
        QVERIFY2(e.contains(QStringLiteral("no patron with number 999")), qPrintable(e));
        request.patronNumber = 1;
        QVERIFY2(reports::ReportBuilder::build(*m_repos, request, &report, &e), qPrintable(e));
        report.printedBy = QStringLiteral("Mo Manager");
        report.printedAt = QDateTime::currentDateTimeUtc();
        const QString pdf = m_dir.filePath(QStringLiteral("patron.pdf"));
        int pages = 0;
        QVERIFY(report.writePdf(pdf, &pages));
        QVERIFY(pages <= 2);
        const QString printed = testing::pdfText(pdf);
        QVERIFY2(printed.contains(QStringLiteral("Patron profile: Ada Lovelace")), qPrintable(printed));
        QVERIFY(printed.contains(QStringLiteral("ada@example.org")));
        QVERIFY(printed.contains(QStringLiteral("M-1")));
        QVERIFY(printed.contains(QStringLiteral("Will consider a major gift")));
        QVERIFY(printed.contains(QStringLiteral("Prefers mornings")));
        testing::keepForDocs(pdf, QStringLiteral("patron-sheet.pdf"));
        const qint64 orders = testing::sqlNumber(
            m_db->connection(), QStringLiteral("SELECT count(*) FROM \"order\" WHERE patron_id = '%1'").arg(ada));
        QCOMPARE(orders, 2);
        const auto rows = testing::csvSection(report.csv(), QStringLiteral("Recent orders"));
        QCOMPARE(rows.size(), orders);
        for (const QStringList& row : rows)
            QVERIFY(printed.contains(row.value(1)));
    }
};

QTEST_MAIN(TestMembershipReports)
#include "TestMembershipReports.moc"
