// One data-driven suite run against Qt's QSQLITE (plain file) and our QSQLCIPHER: every scenario must give the same
// transcript through both, and that transcript must equal the expected one written here.
#include "SqlCipherDriver.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>
#include <functional>

using foyer::storage::SqlCipherDriver;

namespace {

QString describe(const QVariant& value)
{
    if (value.isNull())
        return QStringLiteral("null");
    switch (value.typeId()) {
    case QMetaType::LongLong:
        return QStringLiteral("int:") + QString::number(value.toLongLong());
    case QMetaType::Double:
        return QStringLiteral("double:") + QString::number(value.toDouble(), 'g', 17);
    case QMetaType::QByteArray:
        return QStringLiteral("blob:") + QString::fromLatin1(value.toByteArray().toHex());
    case QMetaType::QString:
        return QStringLiteral("text:") + value.toString();
    default:
        return QString::fromLatin1(value.metaType().name()) + u':' + value.toString();
    }
}

QString describeError(const QSqlError& error)
{
    return QStringLiteral("error type=%1 code=%2 text=%3")
        .arg(int(error.type()))
        .arg(error.nativeErrorCode().toInt() & 0xff)
        .arg(error.databaseText());
}

QStringList rows(QSqlQuery& query)
{
    QStringList out;
    while (query.next()) {
        QStringList values;
        for (int i = 0; i < query.record().count(); ++i)
            values.append(describe(query.value(i)));
        out.append(values.join(u'|'));
    }
    return out;
}

using Scenario = std::function<QStringList(QSqlDatabase&)>;

QStringList typesRoundTrip(QSqlDatabase& db)
{
    QStringList out;
    QSqlQuery q(db);
    q.exec(QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, i INTEGER, r REAL, s TEXT, b BLOB, d TEXT, "
                          "dt TEXT, n TEXT, flag INTEGER)"));
    q.prepare(QStringLiteral("INSERT INTO t (i, r, s, b, d, dt, n, flag) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(std::numeric_limits<qint64>::max());
    q.addBindValue(0.1 + 0.2);
    q.addBindValue(QStringLiteral("Zo\u00eb \U0001F600 \u6f22\u5b57 'quoted' \"double\""));
    q.addBindValue(QByteArray("\x00\x01\xff\x00", 4));
    q.addBindValue(QDate(2026, 11, 27));
    q.addBindValue(QDateTime(QDate(2026, 11, 27), QTime(14, 30, 5, 123), Qt::UTC));
    q.addBindValue(QVariant());
    q.addBindValue(true);
    out.append(QStringLiteral("insert1=%1").arg(q.exec()));
    q.addBindValue(std::numeric_limits<qint64>::min());
    q.addBindValue(-1.5);
    q.addBindValue(QStringLiteral(""));
    q.addBindValue(QString());    // a null QString is stored as NULL
    q.addBindValue(QByteArray()); // so is a null QByteArray
    q.addBindValue(QDateTime());  // and an invalid date-time
    q.addBindValue(QVariant(QMetaType::fromType<int>()));
    q.addBindValue(42);
    out.append(QStringLiteral("insert2=%1").arg(q.exec()));
    q.exec(QStringLiteral("SELECT i, r, s, b, d, dt, n, flag, typeof(b), typeof(s) FROM t ORDER BY id"));
    out += rows(q);
    q.exec(QStringLiteral("SELECT dt FROM t WHERE id = 1"));
    q.next();
    out.append(
        QStringLiteral("dt-utc=%1")
            .arg(QDateTime::fromString(q.value(0).toString(), Qt::ISODateWithMs).toUTC().toString(Qt::ISODateWithMs)));
    return out;
}

QStringList binding(QSqlDatabase& db)
{
    QStringList out;
    QSqlQuery q(db);
    q.exec(QStringLiteral("CREATE TABLE p (a TEXT, b INTEGER)"));
    q.prepare(QStringLiteral("INSERT INTO p (a, b) VALUES (:a, :b)"));
    for (int i = 0; i < 3; ++i) { // prepared once, executed with new values each time
        q.bindValue(QStringLiteral(":b"), i * 10);
        q.bindValue(QStringLiteral(":a"), QStringLiteral("name %1").arg(i));
        out.append(QStringLiteral("named exec=%1").arg(q.exec()));
    }
    q.prepare(QStringLiteral("SELECT a, b FROM p WHERE b >= :min AND b <= :max AND a <> :min ORDER BY b"));
    q.bindValue(QStringLiteral(":min"), 10);
    q.bindValue(QStringLiteral(":max"), 20);
    q.exec();
    out += rows(q);
    q.prepare(QStringLiteral("SELECT count(*) FROM p WHERE b > ? AND a LIKE ?"));
    q.bindValue(0, 0);
    q.bindValue(1, QStringLiteral("name%"));
    q.exec();
    out += rows(q);
    QSqlQuery wrongCount(db);
    wrongCount.prepare(QStringLiteral("SELECT ? + ?"));
    wrongCount.addBindValue(1);
    out.append(QStringLiteral("too few values exec=%1").arg(wrongCount.exec()));
    return out;
}

QStringList navigation(QSqlDatabase& db)
{
    QStringList out;
    QSqlQuery q(db);
    q.exec(QStringLiteral("CREATE TABLE n (v INTEGER)"));
    q.exec(QStringLiteral("INSERT INTO n VALUES (1), (2), (3), (4), (5)"));
    QSqlQuery scroll(db);
    scroll.exec(QStringLiteral("SELECT v FROM n ORDER BY v"));
    QStringList steps;
    steps << QString::number(scroll.at());
    scroll.next();
    scroll.next();
    steps << scroll.value(0).toString();
    scroll.previous();
    steps << scroll.value(0).toString() << QString::number(scroll.at());
    scroll.last();
    steps << scroll.value(0).toString() << QString::number(scroll.at());
    scroll.first();
    steps << scroll.value(0).toString();
    scroll.seek(3);
    steps << scroll.value(0).toString();
    steps << QString::number(scroll.next()) << QString::number(scroll.next()) << QString::number(scroll.at());
    out.append(QStringLiteral("scrollable: ") + steps.join(u' '));

    QSqlQuery forward(db);
    forward.setForwardOnly(true);
    forward.exec(QStringLiteral("SELECT v * 10 FROM n ORDER BY v"));
    QStringList values;
    while (forward.next())
        values << forward.value(0).toString();
    out.append(QStringLiteral("forward: ") + values.join(u' ') + QStringLiteral(" at=") +
               QString::number(forward.at()));
    forward.exec(QStringLiteral("SELECT v FROM n ORDER BY v"));
    out.append(QStringLiteral("forward last=%1 value=%2").arg(forward.last()).arg(forward.value(0).toInt()));

    QSqlQuery empty(db);
    empty.exec(QStringLiteral("SELECT v FROM n WHERE v > 100"));
    out.append(QStringLiteral("empty next=%1 first=%2 last=%3").arg(empty.next()).arg(empty.first()).arg(empty.last()));
    return out;
}

QStringList metadata(QSqlDatabase& db)
{
    QStringList out;
    QSqlQuery q(db);
    q.exec(QStringLiteral("CREATE TABLE m (id TEXT PRIMARY KEY, amount_minor INTEGER NOT NULL, note TEXT)"));
    q.exec(QStringLiteral("CREATE VIEW mv AS SELECT id FROM m"));
    q.exec(QStringLiteral("SELECT id, amount_minor AS amount, note FROM m"));
    QStringList names;
    for (int i = 0; i < q.record().count(); ++i)
        names << q.record().fieldName(i);
    out.append(QStringLiteral("query record: ") + names.join(u','));
    out.append(QStringLiteral("tables: ") + db.tables(QSql::Tables).join(u','));
    out.append(QStringLiteral("views: ") + db.tables(QSql::Views).join(u','));
    const QSqlRecord record = db.record(QStringLiteral("m"));
    names.clear();
    for (int i = 0; i < record.count(); ++i)
        names << record.fieldName(i);
    out.append(QStringLiteral("table record: ") + names.join(u','));
    out.append(QStringLiteral("primary index: ") + db.primaryIndex(QStringLiteral("m")).fieldName(0));
    return out;
}

QStringList changes(QSqlDatabase& db)
{
    QStringList out;
    QSqlQuery q(db);
    q.exec(QStringLiteral("CREATE TABLE c (id INTEGER PRIMARY KEY, v INTEGER)"));
    for (int i = 0; i < 3; ++i) {
        q.exec(QStringLiteral("INSERT INTO c (v) VALUES (%1)").arg(i));
        out.append(QStringLiteral("lastInsertId=%1").arg(q.lastInsertId().toLongLong()));
    }
    q.exec(QStringLiteral("UPDATE c SET v = v + 1"));
    out.append(QStringLiteral("updated=%1").arg(q.numRowsAffected()));
    q.exec(QStringLiteral("DELETE FROM c WHERE v > 1"));
    out.append(QStringLiteral("deleted=%1").arg(q.numRowsAffected()));
    q.exec(QStringLiteral("UPDATE c SET v = 0 WHERE id = 99"));
    out.append(QStringLiteral("updated none=%1").arg(q.numRowsAffected()));
    return out;
}

QStringList transactions(QSqlDatabase& db)
{
    QStringList out;
    QSqlQuery q(db);
    q.exec(QStringLiteral("CREATE TABLE x (v INTEGER)"));
    out.append(QStringLiteral("begin=%1").arg(db.transaction()));
    q.exec(QStringLiteral("INSERT INTO x VALUES (1)"));
    out.append(QStringLiteral("rollback=%1").arg(db.rollback()));
    q.exec(QStringLiteral("SELECT count(*) FROM x"));
    out += rows(q);
    out.append(QStringLiteral("begin=%1").arg(db.transaction()));
    q.exec(QStringLiteral("INSERT INTO x VALUES (2)"));
    out.append(QStringLiteral("commit=%1").arg(db.commit()));
    q.exec(QStringLiteral("SELECT count(*), sum(v) FROM x"));
    out += rows(q);
    return out;
}

QStringList errors(QSqlDatabase& db)
{
    QStringList out;
    QSqlQuery q(db);
    out.append(QStringLiteral("syntax prepare=%1").arg(q.prepare(QStringLiteral("SELEC 1"))));
    out.append(describeError(q.lastError()));
    out.append(QStringLiteral("missing table exec=%1").arg(q.exec(QStringLiteral("SELECT * FROM nowhere"))));
    out.append(describeError(q.lastError()));
    q.exec(QStringLiteral("CREATE TABLE u (k TEXT UNIQUE NOT NULL)"));
    q.exec(QStringLiteral("INSERT INTO u VALUES ('a')"));
    out.append(QStringLiteral("duplicate exec=%1").arg(q.exec(QStringLiteral("INSERT INTO u VALUES ('a')"))));
    out.append(describeError(q.lastError()));
    q.prepare(QStringLiteral("INSERT INTO u VALUES (?)"));
    q.addBindValue(QVariant());
    out.append(QStringLiteral("not null exec=%1").arg(q.exec()));
    out.append(describeError(q.lastError()));
    return out;
}

QStringList numbers(QSqlDatabase& db)
{
    QSqlQuery q(db);
    q.exec(QStringLiteral("SELECT 7 / 2, 7 / 2.0, 9007199254740993, -0.0 + 1, 1e-300, 'x' || 1, NULL, x'00ff'"));
    QStringList out = rows(q);
    q.exec(QStringLiteral("SELECT 1, NULL"));
    q.next();
    out.append(QStringLiteral("isNull: %1 %2").arg(q.isNull(0)).arg(q.isNull(1)));
    return out;
}

struct Case
{
    Scenario run;
    QStringList expected;
};

QMap<QString, Case> cases()
{
    QMap<QString, Case> all;
    all.insert(QStringLiteral("types"),
               {typesRoundTrip,
                {QStringLiteral("insert1=1"), QStringLiteral("insert2=1"),
                 QStringLiteral("int:9223372036854775807|double:0.30000000000000004|text:Zo\u00eb \U0001F600 "
                                "\u6f22\u5b57 'quoted' \"double\"|blob:0001ff00|text:2026-11-27|"
                                "text:2026-11-27T14:30:05.123Z|null|int:1|text:blob|text:text"),
                 QStringLiteral("int:-9223372036854775808|double:-1.5|text:|null|null|null|null|int:42|text:null|"
                                "text:text"),
                 QStringLiteral("dt-utc=2026-11-27T14:30:05.123Z")}});
    all.insert(QStringLiteral("binding"),
               {binding,
                {QStringLiteral("named exec=1"), QStringLiteral("named exec=1"), QStringLiteral("named exec=1"),
                 QStringLiteral("text:name 1|int:10"), QStringLiteral("text:name 2|int:20"), QStringLiteral("int:2"),
                 QStringLiteral("too few values exec=0")}});
    all.insert(QStringLiteral("navigation"),
               {navigation,
                {QStringLiteral("scrollable: -1 2 1 0 5 4 1 4 1 0 -2"), QStringLiteral("forward: 10 20 30 40 50 at=-2"),
                 QStringLiteral("forward last=1 value=5"), QStringLiteral("empty next=0 first=0 last=0")}});
    all.insert(
        QStringLiteral("metadata"),
        {metadata,
         {QStringLiteral("query record: id,amount,note"), QStringLiteral("tables: m"), QStringLiteral("views: mv"),
          QStringLiteral("table record: id,amount_minor,note"), QStringLiteral("primary index: id")}});
    all.insert(QStringLiteral("changes"),
               {changes,
                {QStringLiteral("lastInsertId=1"), QStringLiteral("lastInsertId=2"), QStringLiteral("lastInsertId=3"),
                 QStringLiteral("updated=3"), QStringLiteral("deleted=2"), QStringLiteral("updated none=0")}});
    all.insert(QStringLiteral("transactions"),
               {transactions,
                {QStringLiteral("begin=1"), QStringLiteral("rollback=1"), QStringLiteral("int:0"),
                 QStringLiteral("begin=1"), QStringLiteral("commit=1"), QStringLiteral("int:1|int:2")}});
    all.insert(
        QStringLiteral("errors"),
        {errors,
         {QStringLiteral("syntax prepare=0"), QStringLiteral("error type=2 code=1 text=near \"SELEC\": syntax error"),
          QStringLiteral("missing table exec=0"), QStringLiteral("error type=2 code=1 text=no such table: nowhere"),
          QStringLiteral("duplicate exec=0"), QStringLiteral("error type=1 code=19 text=UNIQUE constraint failed: u.k"),
          QStringLiteral("not null exec=0"),
          QStringLiteral("error type=1 code=19 text=NOT NULL constraint failed: u.k")}});
    all.insert(QStringLiteral("numbers"),
               {numbers,
                {QStringLiteral("int:3|double:3.5|int:9007199254740993|double:1|double:1e-300|"
                                "text:x1|null|blob:00ff"),
                 QStringLiteral("isNull: 0 1")}});
    return all;
}

} // namespace

class TestDriverConformance : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_connections = 0;

    QSqlDatabase openDatabase(const QString& driverName)
    {
        const QString name = QStringLiteral("conformance-%1").arg(++m_connections);
        const QString file = m_dir.filePath(name + QStringLiteral(".db"));
        if (driverName == QLatin1String("QSQLITE")) {
            QSqlDatabase db = QSqlDatabase::addDatabase(driverName, name);
            db.setDatabaseName(file);
            db.open();
            return db;
        }
        auto* driver = new SqlCipherDriver();
        driver->setKey(QByteArray(32, '\x5a'));
        QSqlDatabase db = QSqlDatabase::addDatabase(driver, name);
        db.setDatabaseName(file);
        db.setConnectOptions(QStringLiteral("QSQLCIPHER_CREATE=1"));
        db.open();
        return db;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        SqlCipherDriver::registerDriver();
        QVERIFY(QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")));
    }

    void conformance_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("driver");
        const QStringList scenarios = cases().keys();
        for (const QString& scenario : scenarios)
            for (const QString& driver : {QStringLiteral("QSQLITE"), QStringLiteral("QSQLCIPHER")})
                QTest::addRow("%s/%s", qPrintable(scenario), qPrintable(driver)) << scenario << driver;
    }

    void conformance()
    {
        QFETCH(QString, scenario);
        QFETCH(QString, driver);
        QStringList transcript;
        QString connectionName;
        {
            QSqlDatabase db = openDatabase(driver);
            QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
            connectionName = db.connectionName();
            transcript = cases().value(scenario).run(db);
            db.close();
        }
        QSqlDatabase::removeDatabase(connectionName);
        QCOMPARE(transcript, cases().value(scenario).expected);
    }

    // Both drivers side by side on the same statements, for anything the expected transcripts do not spell out.
    void sameTranscriptThroughBothDrivers()
    {
        const QStringList scenarios = cases().keys();
        for (const QString& scenario : scenarios) {
            QStringList transcripts[2];
            int index = 0;
            for (const QString& driver : {QStringLiteral("QSQLITE"), QStringLiteral("QSQLCIPHER")}) {
                QString connectionName;
                {
                    QSqlDatabase db = openDatabase(driver);
                    connectionName = db.connectionName();
                    transcripts[index++] = cases().value(scenario).run(db);
                }
                QSqlDatabase::removeDatabase(connectionName);
            }
            QCOMPARE(transcripts[1], transcripts[0]);
        }
    }
};

QTEST_GUILESS_MAIN(TestDriverConformance)
#include "TestDriverConformance.moc"
