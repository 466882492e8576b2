// Sync capture on a real encrypted database: every synced table has capture triggers, and each committed
// transaction leaves exactly one operation in the push format of docs/sync-protocol.md.
#include "Clock.h"
#include "Database.h"
#include "PatronFixtures.h"
#include "Repositories.h"
#include "SyncCapture.h"
#include "SyncContext.h"
#include "Transaction.h"
#include "WorkstationIdentity.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace foyer;
using namespace foyer::storage;

class TestSyncCapture : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<Repositories> m_repos;
    int m_unique = 0;

    QSqlDatabase db() const { return m_db->connection(); }
    int count(const QString& sql)
    {
        QSqlQuery q(db());
        if (!q.exec(sql) || !q.next())
            qFatal("count failed: %s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return q.value(0).toInt();
    }
    struct Operation
    {
        QString id, hlc, staffId, summary;
        QJsonArray changes;
    };
    Operation lastOperation()
    {
        // Every write ran in a Transaction: nothing captured is left over for a later one.
        if (count(QStringLiteral("SELECT count(*) FROM sync_row_change")) != 0)
            qFatal("captured rows were left outside a transaction");
        QSqlQuery q(db());
        if (!q.exec(QStringLiteral("SELECT id, hlc, staff_id, summary, changes FROM sync_outbox ORDER BY hlc DESC "
                                   "LIMIT 1")) ||
            !q.next())
            qFatal("no operation");
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(q.value(4).toString().toUtf8(), &parseError);
        if (!doc.isArray())
            qFatal("changes are not a JSON array: %s", qPrintable(parseError.errorString()));
        return {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                doc.array()};
    }
    static QList<QJsonObject> changesOf(const Operation& op, const QString& table, const QString& kind = QString())
    {
        QList<QJsonObject> out;
        for (const QJsonValue& v : op.changes)
            if (v.toObject().value(QStringLiteral("table")).toString() == table &&
                (kind.isEmpty() || v.toObject().value(QStringLiteral("op")).toString() == kind))
                out.append(v.toObject());
        return out;
    }
    // Every change has exactly the push format's keys, with the right types.
    static bool wellFormed(const Operation& op, QString* why)
    {
        if (op.changes.isEmpty())
            return *why = QStringLiteral("no changes"), false;
        static const QRegularExpression hlc(QStringLiteral("^\\d{15}-\\d{6}-\\S+$"));
        if (!hlc.match(op.hlc).hasMatch())
            return *why = QStringLiteral("hlc ") + op.hlc, false;
        for (const QJsonValue& v : op.changes) {
            const QJsonObject c = v.toObject();
            QStringList keys = c.keys();
            keys.sort();
            if (keys != QStringList{QStringLiteral("fields"), QStringLiteral("key"), QStringLiteral("op"),
                                    QStringLiteral("table")})
                return *why = QStringLiteral("keys ") + keys.join(u','), false;
            const QString kind = c.value(QStringLiteral("op")).toString();
            if (!c.value(QStringLiteral("table")).isString() || !c.value(QStringLiteral("key")).isObject() ||
                !c.value(QStringLiteral("fields")).isObject() ||
                !QStringList{QStringLiteral("insert"), QStringLiteral("update"), QStringLiteral("delete")}.contains(
                    kind))
                return *why = QStringLiteral("types in ") +
                              QString::fromUtf8(QJsonDocument(c).toJson(QJsonDocument::Compact)),
                       false;
            if (kind == QLatin1String("delete") && !c.value(QStringLiteral("fields")).toObject().isEmpty())
                return *why = QStringLiteral("a delete with fields"), false;
            if (kind == QLatin1String("insert")) // every key column is among the fields
                for (const QString& k : c.value(QStringLiteral("key")).toObject().keys())
                    if (c.value(QStringLiteral("fields")).toObject().value(k) !=
                        c.value(QStringLiteral("key")).toObject().value(k))
                        return *why = QStringLiteral("insert without its key ") + k, false;
        }
        return true;
    }

    // A row for the table with every NOT NULL column filled (CHECK ... IN lists give the value), parents inserted
    // first for NOT NULL foreign keys. Returns the values by column.
    QVariantMap makeRow(const QString& table, QString* error, int depth = 0)
    {
        if (depth > 8)
            return *error = QStringLiteral("foreign keys too deep at ") + table, QVariantMap();
        QSqlQuery q(db());
        QHash<QString, std::pair<QString, QString>> parents; // column -> parent table, parent column
        q.exec(QStringLiteral("PRAGMA foreign_key_list(\"%1\")").arg(table));
        while (q.next())
            parents.insert(q.value(3).toString(), {q.value(2).toString(), q.value(4).toString()});
        q.exec(QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '%1'").arg(table));
        q.next();
        const QString sql = q.value(0).toString();
        QVariantMap row;
        q.exec(QStringLiteral("PRAGMA table_info(\"%1\")").arg(table));
        struct Column
        {
            QString name, type;
            bool notNull, pk;
            QVariant defaultValue;
        };
        QList<Column> columns;
        while (q.next())
            columns.append({q.value(1).toString(), q.value(2).toString().toUpper(), q.value(3).toBool(),
                            q.value(5).toInt() > 0, q.value(4)});
        for (const Column& c : columns) {
            if (parents.contains(c.name) && (c.notNull || c.pk)) {
                const auto [parent, parentColumn] = parents.value(c.name);
                const QVariantMap parentRow = makeRow(parent, error, depth + 1);
                if (!error->isEmpty())
                    return {};
                row.insert(c.name, parentRow.value(parentColumn.isEmpty() ? QStringLiteral("id") : parentColumn));
                continue;
            }
            if (parents.contains(c.name))
                continue; // optional reference: NULL
            const QRegularExpression in(QStringLiteral("CHECK \\(%1 IN \\('([^']+)'").arg(c.name));
            const QRegularExpressionMatch match = in.match(sql);
            if (match.hasMatch())
                row.insert(c.name, match.captured(1));
            else if (!c.notNull && !c.pk)
                continue;
            else if (c.type.contains(QLatin1String("INT")))
                row.insert(c.name, c.name == QLatin1String("patron_number") ? 900000 + ++m_unique : 1);
            else if (c.type.contains(QLatin1String("REAL")))
                row.insert(c.name, 1.5 + ++m_unique);
            else
                row.insert(c.name, QStringLiteral("%1-%2").arg(c.name).arg(++m_unique));
        }
        QStringList names, marks;
        QSqlQuery insert(db());
        for (auto it = row.cbegin(); it != row.cend(); ++it)
            names << u'"' + it.key() + u'"', marks << QStringLiteral("?");
        insert.prepare(
            QStringLiteral("INSERT INTO \"%1\" (%2) VALUES (%3)").arg(table, names.join(u','), marks.join(u',')));
        for (const QVariant& v : row)
            insert.addBindValue(v);
        if (!insert.exec())
            return *error = table + QStringLiteral(": ") + insert.lastError().text(), QVariantMap();
        return row;
    }

    static QString where(const QVariantMap& row, const QStringList& key)
    {
        QStringList parts;
        for (const QString& k : key)
            parts << QStringLiteral("\"%1\" = '%2'").arg(k, row.value(k).toString());
        return parts.join(QStringLiteral(" AND "));
    }

private slots:
    void initTestCase()
    {
        DatabaseError error;
        m_db = Database::open(m_dir.filePath(QStringLiteral("capture.db")), QByteArray(32, '\x62'),
                              Database::Mode::CreateNew, &error);
        QVERIFY2(m_db, qPrintable(error.message));
        m_repos = std::make_unique<Repositories>(db());
    }

    void localOnlyTablesHaveNoTriggers()
    {
        for (const QString& table : SyncCapture::localOnlyTables())
            QCOMPARE(count(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = "
                                          "'%1'")
                               .arg(table)),
                     0);
        // The benchmark's bulk path writes derived search keys; they never reach the outbox.
        testing::addPatron(m_repos->patrons, QStringLiteral("Kay"), QStringLiteral("Oh"), QString(), QString());
        for (const QJsonValue& v : lastOperation().changes)
            QVERIFY(SyncCapture::isSynced(v.toObject().value(QStringLiteral("table")).toString()));
    }

    // Every table that is not local-only: triggers, and an insert, an update and a delete each leave an operation.
    void everySyncedTableIsCaptured()
    {
        QSqlQuery q(db());
        QVERIFY(q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                      "'sqlite%' ORDER BY name")));
        QStringList tables;
        while (q.next())
            if (!SyncCapture::localOnlyTables().contains(q.value(0).toString()))
                tables.append(q.value(0).toString());
        QVERIFY(tables.size() > 30);
        QVERIFY(tables.contains(QStringLiteral("order")) && tables.contains(QStringLiteral("membership_seat_use")));
        for (const QString& table : tables) {
            QCOMPARE(count(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = "
                                          "'%1' AND name LIKE 'sync_capture_%'")
                               .arg(table)),
                     3);
            QString error;
            const QStringList key = SyncCapture::primaryKey(db(), table, &error);
            QVERIFY2(!key.isEmpty(), qPrintable(error));
            const QStringList columns = SyncCapture::columns(db(), table, &error);

            // Insert (with its parents) in one transaction.
            const int before = count(QStringLiteral("SELECT count(*) FROM sync_outbox"));
            QVariantMap row;
            {
                Transaction txn(db(), &error);
                row = makeRow(table, &error);
                QVERIFY2(error.isEmpty(), qPrintable(error));
                QVERIFY2(txn.finish(true), qPrintable(error));
            }
            QCOMPARE(count(QStringLiteral("SELECT count(*) FROM sync_outbox")), before + 1);
            Operation op = lastOperation();
            QVERIFY2(wellFormed(op, &error), qPrintable(table + u' ' + error));
            QList<QJsonObject> inserted = changesOf(op, table, QStringLiteral("insert"));
            QVERIFY2(!inserted.isEmpty(), qPrintable(table));
            // An insert carries every column.
            QCOMPARE(inserted.constLast().value(QStringLiteral("fields")).toObject().keys().size(), columns.size());

            // Update one column that no CHECK constrains (a key column of a key-only table: a new parent).
            QString column, value;
            for (const QString& c : columns)
                if (!key.contains(c) && !c.endsWith(QLatin1String("_id")) && !c.contains(QLatin1String("minor")) &&
                    !c.contains(QLatin1String("percent")) && !c.contains(QLatin1String("last_four"))) {
                    q.exec(QStringLiteral("SELECT sql FROM sqlite_master WHERE name = '%1'").arg(table));
                    q.next();
                    if (q.value(0).toString().contains(QStringLiteral("CHECK (") + c))
                        continue;
                    column = c;
                    break;
                }
            {
                Transaction txn(db(), &error);
                if (column.isEmpty()) { // benefit_level_show: its key columns are all there is
                    column = key.constLast();
                    QSqlQuery fk(db());
                    fk.exec(QStringLiteral("PRAGMA foreign_key_list(\"%1\")").arg(table));
                    QString parent;
                    while (fk.next())
                        if (fk.value(3).toString() == column)
                            parent = fk.value(2).toString();
                    value = makeRow(parent, &error).value(QStringLiteral("id")).toString();
                    QVERIFY2(error.isEmpty(), qPrintable(error));
                } else {
                    value = QStringLiteral("changed-%1").arg(++m_unique);
                }
                QVERIFY2(q.exec(QStringLiteral("UPDATE \"%1\" SET \"%2\" = '%3' WHERE %4")
                                    .arg(table, column, value, where(row, key))),
                         qPrintable(q.lastError().text()));
                QVERIFY2(txn.finish(true), qPrintable(error));
            }
            QCOMPARE(count(QStringLiteral("SELECT count(*) FROM sync_outbox")), before + 2);
            op = lastOperation();
            QVERIFY2(wellFormed(op, &error), qPrintable(table + u' ' + error));
            if (key.contains(column)) {
                QCOMPARE(changesOf(op, table, QStringLiteral("delete")).size(), 1);
                QCOMPARE(changesOf(op, table, QStringLiteral("insert")).size(), 1);
                row.insert(column, value);
            } else {
                const QList<QJsonObject> updated = changesOf(op, table, QStringLiteral("update"));
                QCOMPARE(updated.size(), 1);
                // Only the changed column.
                QCOMPARE(updated.constFirst().value(QStringLiteral("fields")).toObject(),
                         QJsonObject({{column, value}}));
            }

            {
                Transaction txn(db(), &error);
                QVERIFY2(q.exec(QStringLiteral("DELETE FROM \"%1\" WHERE %2").arg(table, where(row, key))),
                         qPrintable(q.lastError().text()));
                QVERIFY2(txn.finish(true), qPrintable(error));
            }
            QCOMPARE(count(QStringLiteral("SELECT count(*) FROM sync_outbox")), before + 3);
            op = lastOperation();
            QVERIFY2(wellFormed(op, &error), qPrintable(table + u' ' + error));
            QCOMPARE(changesOf(op, table, QStringLiteral("delete")).size(), 1);
            QCOMPARE(count(QStringLiteral("SELECT count(*) FROM sync_row_change")), 0);
        }
    }

    void coalescesChangesOfOneRow()
    {
        QString error;
        const int before = count(QStringLiteral("SELECT count(*) FROM sync_outbox"));
        QSqlQuery q(db());
        {
            // Inserted, changed twice, then deleted: nothing to push, no operation.
            Transaction txn(db(), &error);
            QVERIFY(q.exec(QStringLiteral("INSERT INTO fund (id, name, created_at, updated_at) VALUES ('f1', 'A', "
                                          "'t', 't')")));
            QVERIFY(q.exec(QStringLiteral("UPDATE fund SET name = 'B' WHERE id = 'f1'")));
            QVERIFY(q.exec(QStringLiteral("DELETE FROM fund WHERE id = 'f1'")));
            QVERIFY(txn.finish(true));
        }
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM sync_outbox")), before);
        {
            // Inserted then updated: one insert with the final fields.
            Transaction txn(db(), &error);
            QVERIFY(q.exec(QStringLiteral("INSERT INTO fund (id, name, created_at, updated_at) VALUES ('f2', 'A', "
                                          "'t', 't')")));
            QVERIFY(q.exec(QStringLiteral("UPDATE fund SET name = 'C' WHERE id = 'f2'")));
            QVERIFY(txn.finish(true));
        }
        Operation op = lastOperation();
        QCOMPARE(op.changes.size(), 1);
        QCOMPARE(op.changes.at(0).toObject().value(QStringLiteral("op")).toString(), QStringLiteral("insert"));
        QCOMPARE(op.changes.at(0).toObject().value(QStringLiteral("fields")).toObject().value(QStringLiteral("name")),
                 QJsonValue(QStringLiteral("C")));
        QCOMPARE(op.summary, QStringLiteral("1 row changed"));
        {
            // Two updates of different columns merge; a column set back to its value is not a change.
            Transaction txn(db(), &error);
            QVERIFY(q.exec(QStringLiteral("UPDATE fund SET name = 'D', updated_at = 'u' WHERE id = 'f2'")));
            QVERIFY(q.exec(QStringLiteral("UPDATE fund SET updated_at = 't', deleted_at = 'x' WHERE id = 'f2'")));
            QVERIFY(txn.finish(true));
        }
        op = lastOperation();
        QCOMPARE(op.changes.size(), 1);
        QCOMPARE(op.changes.at(0).toObject().value(QStringLiteral("fields")).toObject(),
                 QJsonObject({{QStringLiteral("name"), QStringLiteral("D")},
                              {QStringLiteral("deleted_at"), QStringLiteral("x")}}));
        QCOMPARE(op.changes.at(0).toObject().value(QStringLiteral("key")).toObject(),
                 QJsonObject({{QStringLiteral("id"), QStringLiteral("f2")}}));
        // An update that changes nothing leaves no operation.
        const int now = count(QStringLiteral("SELECT count(*) FROM sync_outbox"));
        {
            Transaction txn(db(), &error);
            QVERIFY(q.exec(QStringLiteral("UPDATE fund SET name = name WHERE id = 'f2'")));
            QVERIFY(txn.finish(true));
        }
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM sync_outbox")), now);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM sync_row_change")), 0);
    }

    void rolledBackTransactionLeavesNoOperation()
    {
        const int before = count(QStringLiteral("SELECT count(*) FROM sync_outbox"));
        QString error;
        {
            Transaction txn(db(), &error);
            QVERIFY(QSqlQuery(db()).exec(
                QStringLiteral("INSERT INTO fund (id, name, created_at, updated_at) VALUES ('f3', 'E', 't', 't')")));
            txn.finish(false);
        }
        {
            Transaction txn(db(), &error); // dropped unfinished
            QVERIFY(QSqlQuery(db()).exec(
                QStringLiteral("INSERT INTO fund (id, name, created_at, updated_at) VALUES ('f4', 'F', 't', 't')")));
        }
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM sync_outbox")), before);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM sync_row_change")), 0);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM fund WHERE id IN ('f3', 'f4')")), 0);
    }

    void patronCreatedAtTheWindowIsOneOperation()
    {
        SyncContext::setStaffId(QStringLiteral("staff-7"));
        const QString id = testing::addPatron(m_repos->patrons, QStringLiteral("Ada"), QStringLiteral("Byron"),
                                              QStringLiteral("ada@example.org"), QStringLiteral("020 7946 0000"));
        SyncContext::setStaffId(QString());
        const Operation op = lastOperation();
        QString why;
        QVERIFY2(wellFormed(op, &why), qPrintable(why));
        QCOMPARE(op.staffId, QStringLiteral("staff-7"));
        QVERIFY2(op.summary.startsWith(QStringLiteral("Patron Ada Byron created")), qPrintable(op.summary));
        const QList<QJsonObject> patron = changesOf(op, QStringLiteral("patron"), QStringLiteral("insert"));
        QCOMPARE(patron.size(), 1);
        QCOMPARE(patron.constFirst().value(QStringLiteral("key")).toObject(),
                 QJsonObject({{QStringLiteral("id"), id}}));
        QCOMPARE(patron.constFirst()
                     .value(QStringLiteral("fields"))
                     .toObject()
                     .value(QStringLiteral("last_name"))
                     .toString(),
                 QStringLiteral("Byron"));
        QCOMPARE(changesOf(op, QStringLiteral("patron_email")).size(), 1);
        QCOMPARE(changesOf(op, QStringLiteral("patron_phone")).size(), 1);
        QCOMPARE(changesOf(op, QStringLiteral("history_event")).size(), 1);
        QCOMPARE(changesOf(op, QStringLiteral("audit_log")).size(), 1);
        QCOMPARE(changesOf(op, QStringLiteral("patron_search_key")).size(), 0);
        // The parent comes first.
        QCOMPARE(op.changes.at(0).toObject().value(QStringLiteral("table")).toString(), QStringLiteral("patron"));
    }

    void venueOrderAndImportAreCompleteOperations()
    {
        core::Clock::setInstance(
            std::make_shared<core::TestClock>(QDateTime(QDate(2026, 12, 1), QTime(12, 0), Qt::UTC)));
        QString error;
        QString csv = QStringLiteral("section,row,seat,x,y\n");
        for (int s = 1; s <= 6; ++s)
            csv += QStringLiteral("Stalls,A,%1,%1,1\n").arg(s);
        const QString hall = m_repos->venue.importSeatMap(QStringLiteral("Main"), csv, &error);
        QVERIFY2(!hall.isEmpty(), qPrintable(error));
        Operation op = lastOperation();
        QCOMPARE(changesOf(op, QStringLiteral("hall"), QStringLiteral("insert")).size(), 1);
        QCOMPARE(changesOf(op, QStringLiteral("seat"), QStringLiteral("insert")).size(), 6);
        const QList<core::SeatMap::Seat> seats = m_repos->venue.seats(hall, &error);
        const QString show = m_repos->venue.addShow(QStringLiteral("The Tempest"), QStringLiteral("2026/27"), &error);
        QCOMPARE(changesOf(lastOperation(), QStringLiteral("show"), QStringLiteral("insert")).size(), 1);
        const QDateTime starts(QDate(2026, 12, 5), QTime(19, 30), Qt::UTC);
        const QString performance = m_repos->venue.addPerformance(show, hall, starts, starts.addDays(-30), &error);
        QVERIFY2(!performance.isEmpty(), qPrintable(error));
        QCOMPARE(changesOf(lastOperation(), QStringLiteral("performance"), QStringLiteral("insert")).size(), 1);
        const QString adult = m_repos->venue.addPriceType(show, QStringLiteral("Adult"), 4500, &error);
        const QString level = m_repos->venue.addBenefitLevel(QStringLiteral("Friend"), true, {show}, &error);
        QVERIFY2(!level.isEmpty(), qPrintable(error));
        op = lastOperation();
        QCOMPARE(changesOf(op, QStringLiteral("benefit_level")).size(), 1);
        QCOMPARE(changesOf(op, QStringLiteral("benefit_level_show")).size(), 1);

        // Member import: patrons, memberships, credits and the set-password email in one operation.
        const std::optional<MemberImportRepository::Lookups> lookups = m_repos->memberImport.lookups(&error);
        QVERIFY2(lookups, qPrintable(error));
        const QString file =
            QStringLiteral("membership_number,name,email,password,benefit_level,valid_from,valid_until,credits\n"
                           "M-1,Bea Cole,bea@example.org,,Friend,2026-09-01,2027-08-31,The Tempest=2\n"
                           "M-2,Cal Dunn,cal@example.org,,Friend,2026-09-01,2027-08-31,The Tempest=1\n");
        const core::MemberImport::Report report =
            core::MemberImport::dryRun(file, lookups->showIds, lookups->levelIds, lookups->membershipNumbers);
        QVERIFY(report.canImport());
        int emails = 0;
        QVERIFY2(m_repos->memberImport.import(report, {}, QString(), &emails, &error), qPrintable(error));
        op = lastOperation();
        QString why;
        QVERIFY2(wellFormed(op, &why), qPrintable(why));
        QCOMPARE(changesOf(op, QStringLiteral("patron"), QStringLiteral("insert")).size(), 2);
        QCOMPARE(changesOf(op, QStringLiteral("patron_email"), QStringLiteral("insert")).size(), 2);
        QCOMPARE(changesOf(op, QStringLiteral("membership"), QStringLiteral("insert")).size(), 2);
        QCOMPARE(changesOf(op, QStringLiteral("membership_credit"), QStringLiteral("insert")).size(), 2);
        QCOMPARE(changesOf(op, QStringLiteral("email_request"), QStringLiteral("insert")).size(), 2);

        // An order with a membership seat and a paid seat.
        core::OrderDraft order;
        order.patronId = testing::addPatron(m_repos->patrons, QStringLiteral("Bea"), QStringLiteral("Cole"),
                                            QStringLiteral("bea2@example.org"), QString());
        for (int s = 0; s < 2; ++s) {
            core::OrderLineDraft l;
            l.performanceId = performance;
            l.showId = show;
            l.performanceAt = starts;
            l.seatId = seats.at(s).id;
            l.seatLabel = seats.at(s).label();
            l.priceTypeId = adult;
            l.priceTypeName = QStringLiteral("Adult");
            l.listPriceMinor = 4500;
            l.payType = s == 0 ? QStringLiteral("membership") : QStringLiteral("cash");
            l.membershipNumber = s == 0 ? QStringLiteral("M-1") : QString();
            order.lines.append(l);
        }
        QList<core::MembershipCreditRule::LineError> lineErrors;
        const int before = count(QStringLiteral("SELECT count(*) FROM sync_outbox"));
        QVERIFY2(m_repos->orders.confirm(order, QString(), &lineErrors, &error), qPrintable(error));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM sync_outbox")), before + 1);
        op = lastOperation();
        QVERIFY2(wellFormed(op, &why), qPrintable(why));
        QCOMPARE(changesOf(op, QStringLiteral("order"), QStringLiteral("insert")).size(), 1);
        QCOMPARE(changesOf(op, QStringLiteral("order_line"), QStringLiteral("insert")).size(), 2);
        QCOMPARE(changesOf(op, QStringLiteral("payment"), QStringLiteral("insert")).size(), 1);
        QCOMPARE(changesOf(op, QStringLiteral("membership_seat_use"), QStringLiteral("insert")).size(), 1);
        QCOMPARE(changesOf(op, QStringLiteral("order"))
                     .constFirst()
                     .value(QStringLiteral("fields"))
                     .toObject()
                     .value(QStringLiteral("confirmation_number"))
                     .toString(),
                 order.confirmationNumber);
        // Clocks of later operations are later.
        QVERIFY(count(QStringLiteral("SELECT count(DISTINCT hlc) FROM sync_outbox")) ==
                count(QStringLiteral("SELECT count(*) FROM sync_outbox")));
        core::Clock::setInstance(nullptr);
    }

    // Last: it registers the workstation.
    void registeredWorkstationNumbersPatronsFromItsBlock()
    {
        QString error;
        WorkstationIdentity identity(db());
        const std::optional<WorkstationIdentity::Registration> before = identity.load(&error);
        QVERIFY2(before, qPrintable(error));
        QVERIFY(before->workstationId.isEmpty());
        // Standalone: max + 1.
        QCOMPARE(m_repos->patrons.nextPatronNumber(&error),
                 count(QStringLiteral("SELECT max(patron_number) FROM patron")) + 1);
        QCOMPARE(identity.patronNumbersLeft(&error), -1);

        WorkstationIdentity::Registration r;
        r.workstationId = QStringLiteral("0193ffff-0000-7000-8000-00000000b7b7");
        r.venueId = QStringLiteral("venue-1");
        r.prefix = QStringLiteral("B7");
        r.serverUrl = QStringLiteral("https://foyer.venue.example");
        r.patronNumbersFirst = 20001;
        r.patronNumbersLast = 20002;
        QVERIFY2(identity.save(r, &error), qPrintable(error));
        const std::optional<WorkstationIdentity::Registration> after = identity.load(&error);
        QCOMPARE(after->workstationId, r.workstationId);
        QCOMPARE(after->prefix, QStringLiteral("B7"));
        QCOMPARE(after->serverUrl, r.serverUrl);
        QCOMPARE(after->patronNumbersLast, 20002);
        QCOMPARE(m_repos->orders.workstationPrefix(&error), QStringLiteral("B7"));
        // Saving the registration is this workstation's own business: no operation.
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM sync_outbox WHERE changes LIKE '%workstation_setting%'")),
                 0);

        QCOMPARE(m_repos->patrons.nextPatronNumber(&error), 20001);
        QCOMPARE(identity.patronNumbersLeft(&error), 2);
        testing::addPatron(m_repos->patrons, QStringLiteral("Una"), QStringLiteral("One"), QString(), QString());
        // The operation's clock carries the workstation id now.
        QVERIFY(lastOperation().hlc.endsWith(r.workstationId));
        QCOMPARE(m_repos->patrons.nextPatronNumber(&error), 20002);
        testing::addPatron(m_repos->patrons, QStringLiteral("Two"), QStringLiteral("Too"), QString(), QString());
        QCOMPARE(identity.patronNumbersLeft(&error), 0);
        QCOMPARE(m_repos->patrons.nextPatronNumber(&error), -1);
        QCOMPARE(error, QStringLiteral("This workstation has used its patron numbers; sync to get more"));

        // The member import refuses too, writing nothing.
        const int patrons = count(QStringLiteral("SELECT count(*) FROM patron"));
        const std::optional<MemberImportRepository::Lookups> lookups = m_repos->memberImport.lookups(&error);
        QVERIFY2(lookups, qPrintable(error));
        const core::MemberImport::Report report = core::MemberImport::dryRun(
            QStringLiteral("membership_number,name,email,password,benefit_level,valid_from,valid_until,credits\n"
                           "M-9,Dee Eve,dee@example.org,,Friend,2026-09-01,2027-08-31,\n"),
            lookups->showIds, lookups->levelIds, lookups->membershipNumbers);
        QVERIFY(report.canImport());
        error.clear();
        QVERIFY(!m_repos->memberImport.import(report, {}, QString(), nullptr, &error));
        QVERIFY2(error.contains(QStringLiteral("sync to get more")), qPrintable(error));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM patron")), patrons);

        // A new block: numbering goes on from it.
        QVERIFY2(identity.setPatronNumberBlock(30001, 31000, &error), qPrintable(error));
        QCOMPARE(m_repos->patrons.nextPatronNumber(&error), 30001);
        QCOMPARE(identity.patronNumbersLeft(&error), 1000);
    }
};

QTEST_MAIN(TestSyncCapture)
#include "TestSyncCapture.moc"
