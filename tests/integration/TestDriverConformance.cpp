// One data-driven suite run against Qt's QSQLITE (plain file) and our QSQLCIPHER: every scenario must give the same
// transcript through both, and that transcript must equal the expected one written here.
#include "SqlCipherDriver.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QSqlTableModel>
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

// Qt's own drivers report their errors this way; databaseText() is SQLite's message where there is one.
QString describeRefusal(const QSqlError& error)
{
    return QStringLiteral("refused type=%1 code=%2 driverText=%3")
        .arg(int(error.type()))
        .arg(error.nativeErrorCode())
        .arg(error.driverText());
}

QStringList multipleStatements(QSqlDatabase& db)
{
    QStringList out;
    QSqlQuery q(db);
    out.append(
        QStringLiteral("prepare two=%1").arg(q.prepare(QStringLiteral("CREATE TABLE a (x); CREATE TABLE b (x)"))));
    out.append(describeRefusal(q.lastError()));
    out.append(QStringLiteral("exec two=%1").arg(q.exec(QStringLiteral("CREATE TABLE a (x); CREATE TABLE b (x)"))));
    out.append(describeRefusal(q.lastError()));
    out.append(QStringLiteral("tables after refusal: ") + db.tables().join(u','));
    q.exec(QStringLiteral("CREATE TABLE c (v INTEGER)"));
    q.exec(QStringLiteral("INSERT INTO c VALUES (1)"));
    out.append(
        QStringLiteral("write then delete=%1").arg(q.exec(QStringLiteral("INSERT INTO c VALUES (2); DELETE FROM c"))));
    q.exec(QStringLiteral("SELECT count(*) FROM c"));
    out += rows(q);
    for (const QString& sql : {QStringLiteral("SELECT 1;"), QStringLiteral("SELECT 2;  \n\t"),
                               QStringLiteral("SELECT 3; -- a comment"), QStringLiteral("SELECT 4; /* c */"),
                               QStringLiteral("SELECT 5;;"), QStringLiteral("SELECT ';' || \"v\" FROM c")}) {
        const bool ok = q.exec(sql);
        out.append(
            QStringLiteral("%1 -> %2 %3").arg(sql.simplified()).arg(ok).arg(ok ? rows(q).join(u' ') : QString()));
    }
    return out;
}

QString describeField(const QSqlField& field)
{
    return QStringLiteral("%1:%2 table=%3 required=%4 auto=%5 default=%6 sqlType=%7")
        .arg(field.name(), QString::fromLatin1(field.metaType().name()), field.tableName())
        .arg(int(field.requiredStatus()))
        .arg(field.isAutoValue())
        .arg(field.defaultValue().isNull() ? QStringLiteral("null") : field.defaultValue().toString())
        .arg(field.typeID());
}

QStringList describeRecord(const QSqlRecord& record)
{
    QStringList out;
    for (int i = 0; i < record.count(); ++i)
        out.append(describeField(record.field(i)));
    return out;
}

QString valueTypes(QSqlQuery& query)
{
    QStringList types;
    for (int i = 0; i < query.record().count(); ++i)
        types.append(QString::fromLatin1(query.value(i).metaType().name()) + u'(' +
                     (query.value(i).typeId() == QMetaType::QByteArray
                          ? QString::fromLatin1(query.value(i).toByteArray().toHex())
                          : query.value(i).toString()) +
                     u')');
    return types.join(u' ');
}

QStringList fieldTypes(QSqlDatabase& db)
{
    QStringList out;
    QSqlQuery q(db);
    q.exec(QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, i INT NOT NULL DEFAULT 5, bi BIGINT, r REAL, "
                          "f FLOAT, d DOUBLE, n NUMERIC, dec DECIMAL(10,2), s TEXT DEFAULT 'abc', vc VARCHAR(10), "
                          "b BLOB, flag BOOLEAN, untyped, at TEXT DEFAULT (1 + 1))"));
    out.append(QStringLiteral("table record:"));
    out += describeRecord(db.record(QStringLiteral("t")));
    q.exec(QStringLiteral("SELECT * FROM t"));
    out.append(QStringLiteral("select * on no rows:"));
    out += describeRecord(q.record());
    q.exec(QStringLiteral("INSERT INTO t (i, bi, r, f, d, n, dec, s, vc, b, flag, untyped) "
                          "VALUES (1, 2, 1.5, 2.5, 3.5, 5, 6.25, 's', 'v', x'00', 1, 7)"));
    q.exec(QStringLiteral("INSERT INTO t (i, untyped) VALUES (2, 'text')"));
    q.exec(QStringLiteral("SELECT * FROM t ORDER BY id"));
    out.append(QStringLiteral("select * on rows:"));
    out += describeRecord(q.record());
    while (q.next())
        out.append(QStringLiteral("values: ") + valueTypes(q));
    q.exec(QStringLiteral("SELECT 1, 1.5, 'a', x'00', NULL, count(*), sum(i), total(i), sum(r), avg(i), max(s), i + 1, "
                          "r * 2, id AS alias, t.i, 7 / 2 FROM t"));
    out.append(QStringLiteral("expressions:"));
    out += describeRecord(q.record());
    q.next();
    out.append(QStringLiteral("values: ") + valueTypes(q));
    q.exec(QStringLiteral("SELECT NULL AS first_null, 2 UNION ALL SELECT 1, NULL"));
    out.append(QStringLiteral("first row decides:"));
    out += describeRecord(q.record());
    q.exec(QStringLiteral("SELECT 1, i, s FROM t WHERE 0"));
    out.append(QStringLiteral("empty result:"));
    out += describeRecord(q.record());
    q.exec(QStringLiteral("CREATE VIEW v AS SELECT i, s, i * 2 AS twice FROM t"));
    out.append(QStringLiteral("view record:"));
    out += describeRecord(db.record(QStringLiteral("v")));
    q.prepare(QStringLiteral("SELECT i FROM t"));
    out.append(QStringLiteral("prepared, not run: %1 fields").arg(q.record().count()));
    return out;
}

QStringList precisionPolicy(QSqlDatabase& db)
{
    QStringList out;
    QSqlQuery setup(db);
    setup.exec(QStringLiteral("CREATE TABLE p (r REAL, i INTEGER)"));
    setup.exec(QStringLiteral("INSERT INTO p VALUES (2.75, 3), (-1.25, 4)"));
    for (const QSql::NumericalPrecisionPolicy policy :
         {QSql::LowPrecisionInt32, QSql::LowPrecisionInt64, QSql::LowPrecisionDouble, QSql::HighPrecision}) {
        QSqlQuery q(db);
        q.setNumericalPrecisionPolicy(policy);
        q.exec(
            QStringLiteral("SELECT 2.7, -2.7, 5, 3000000000.5, max(r), min(r), max(i), '3.5', sum(r), avg(i) FROM p"));
        q.next();
        out.append(QStringLiteral("policy %1: ").arg(int(policy)) + valueTypes(q));
    }
    db.setNumericalPrecisionPolicy(QSql::LowPrecisionInt64);
    {
        QSqlQuery q(db); // takes the database's policy
        q.exec(QStringLiteral("SELECT 2.7, r FROM p ORDER BY r"));
        while (q.next())
            out.append(QStringLiteral("database policy: ") + valueTypes(q));
    }
    db.setNumericalPrecisionPolicy(QSql::LowPrecisionDouble);
    return out;
}

QString fieldNames(const QSqlRecord& record)
{
    QStringList names;
    for (int i = 0; i < record.count(); ++i)
        names.append(record.fieldName(i) + u'@' + record.field(i).tableName());
    return names.isEmpty() ? QStringLiteral("(none)") : names.join(u',');
}

QStringList tableLookup(QSqlDatabase& db)
{
    QStringList out;
    QSqlQuery q(db);
    q.exec(QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"));
    q.exec(QStringLiteral("CREATE TABLE \"My Table\" (\"my col\" INTEGER PRIMARY KEY, x TEXT)"));
    q.exec(QStringLiteral("CREATE TABLE k (a TEXT, b INTEGER, c TEXT, PRIMARY KEY (a, c))"));
    q.exec(QStringLiteral("CREATE TABLE pair (b TEXT, a TEXT, PRIMARY KEY (b, a))"));
    q.exec(QStringLiteral("CREATE TEMP TABLE scratch (z TEXT)"));
    const QString attached =
        QFileInfo(db.databaseName()).absolutePath() + u'/' + db.connectionName() + QStringLiteral("-other.db");
    // QSQLCIPHER opens without SQLITE_OPEN_CREATE, so ATTACH needs the file to exist (empty is an empty database).
    QFile(attached).open(QIODevice::WriteOnly);
    out.append(QStringLiteral("attach=%1").arg(q.exec(QStringLiteral("ATTACH DATABASE '%1' AS other").arg(attached))));
    q.exec(QStringLiteral("CREATE TABLE other.ot (id INTEGER PRIMARY KEY, w TEXT)"));
    for (const QString& name :
         {QStringLiteral("t"), QStringLiteral("T"), QStringLiteral("\"t\""), QStringLiteral("[t]"),
          QStringLiteral("main.t"), QStringLiteral("MAIN.T"), QStringLiteral("other.ot"), QStringLiteral("other.[ot]"),
          QStringLiteral("temp.scratch"), QStringLiteral("scratch"), QStringLiteral("My Table"),
          QStringLiteral("\"My Table\""), QStringLiteral("my table"), QStringLiteral("nowhere"),
          QStringLiteral("other.t"), QStringLiteral("")}) {
        out.append(QStringLiteral("record(%1): %2").arg(name, fieldNames(db.record(name))));
        out.append(QStringLiteral("primaryIndex(%1): %2").arg(name, fieldNames(db.primaryIndex(name))));
    }
    const QSqlIndex index = db.primaryIndex(QStringLiteral("t"));
    out.append(QStringLiteral("index name=[%1] cursor=[%2] auto=%3")
                   .arg(index.name(), index.cursorName())
                   .arg(index.field(0).isAutoValue()));
    // Composite keys: the same fields (their order is a documented difference, see documentedDifferences).
    for (const QString& name : {QStringLiteral("k"), QStringLiteral("pair")}) {
        QStringList names;
        const QSqlIndex composite = db.primaryIndex(name);
        for (int i = 0; i < composite.count(); ++i)
            names.append(describeField(composite.field(i)));
        names.sort();
        out.append(QStringLiteral("key of %1: ").arg(name) + names.join(u" | "));
    }
    q.exec(QStringLiteral("DETACH DATABASE other"));
    return out;
}

QStringList identifiers(QSqlDatabase& db)
{
    QStringList out;
    const QSqlDriver* driver = db.driver();
    for (const QString& name :
         {QStringLiteral("t"), QStringLiteral("My Table"), QStringLiteral(" lead"), QStringLiteral("trail "),
          QStringLiteral("tab\there"), QStringLiteral("a.b"), QStringLiteral("main.t"), QStringLiteral("a b.c d"),
          QStringLiteral("x.y.z"), QStringLiteral("\"q\""), QStringLiteral("\"main\".\"t\""), QStringLiteral("[x]"),
          QStringLiteral("`y`"), QStringLiteral("we\"ird"), QStringLiteral("\"\""), QStringLiteral("")}) {
        out.append(QStringLiteral("[%1] table=[%2] field=[%3] escaped=%4 stripped=[%5]")
                       .arg(name, driver->escapeIdentifier(name, QSqlDriver::TableName),
                            driver->escapeIdentifier(name, QSqlDriver::FieldName))
                       .arg(driver->isIdentifierEscaped(name, QSqlDriver::TableName))
                       .arg(driver->stripDelimiters(name, QSqlDriver::TableName)));
    }
    // The escaped names work in SQL.
    QSqlQuery q(db);
    const QString table = driver->escapeIdentifier(QStringLiteral(" odd \"name\" "), QSqlDriver::TableName);
    const QString column = driver->escapeIdentifier(QStringLiteral("a column"), QSqlDriver::FieldName);
    out.append(QStringLiteral("create=%1").arg(q.exec(QStringLiteral("CREATE TABLE %1 (%2 TEXT)").arg(table, column))));
    out.append(QStringLiteral("tables: ") + db.tables().join(u','));
    out.append(QStringLiteral("record: ") + fieldNames(db.record(QStringLiteral(" odd \"name\" "))));
    return out;
}

QStringList tableModel(QSqlDatabase& db)
{
    QStringList out;
    QSqlQuery q(db);
    q.exec(QStringLiteral("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price_minor INTEGER)"));
    q.exec(QStringLiteral("INSERT INTO item (name, price_minor) VALUES ('Stalls', 4500), ('Circle', 3200)"));
    QSqlTableModel model(nullptr, db);
    model.setTable(QStringLiteral("item"));
    model.setEditStrategy(QSqlTableModel::OnManualSubmit);
    model.setSort(1, Qt::AscendingOrder);
    out.append(QStringLiteral("select=%1 rows=%2 columns=%3")
                   .arg(model.select())
                   .arg(model.rowCount())
                   .arg(model.columnCount()));
    out.append(QStringLiteral("primary key: ") + fieldNames(model.primaryKey()));
    QSqlRecord row = model.record();
    row.setGenerated(QStringLiteral("id"), false);
    row.setValue(QStringLiteral("name"), QStringLiteral("Box"));
    row.setValue(QStringLiteral("price_minor"), 9000);
    out.append(QStringLiteral("insert=%1").arg(model.insertRecord(-1, row)));
    out.append(QStringLiteral("setData=%1").arg(model.setData(model.index(0, 2), 3300)));
    out.append(QStringLiteral("submit=%1 error=%2").arg(model.submitAll()).arg(model.lastError().text()));
    out.append(QStringLiteral("remove=%1 submit=%2").arg(model.removeRow(1)).arg(model.submitAll()));
    q.exec(QStringLiteral("SELECT id, name, price_minor FROM item ORDER BY id"));
    out += rows(q);
    // Placeholders inside quotes and [brackets] are text, not parameters (Qt's parser treats [ ] as quotes for
    // every DBMS but PostgreSQL).
    q.prepare(QStringLiteral("SELECT :a AS [:b], ':c', \":d\" FROM item WHERE id = :a"));
    q.bindValue(QStringLiteral(":a"), 1);
    out.append(QStringLiteral("placeholders exec=%1 bound=%2").arg(q.exec()).arg(q.boundValues().size()));
    out.append(QStringLiteral("names: ") + fieldNames(q.record()));
    out += rows(q);
    return out;
}

QStringList notifications(QSqlDatabase& db)
{
    QStringList out;
    QSqlDriver* driver = db.driver();
    QStringList received;
    QObject receiver;
    QObject::connect(driver, &QSqlDriver::notification, &receiver,
                     [&received](const QString& name, QSqlDriver::NotificationSource source, const QVariant& payload) {
                         received.append(QStringLiteral("%1 source=%2 payload=%3:%4")
                                             .arg(name)
                                             .arg(int(source))
                                             .arg(QString::fromLatin1(payload.metaType().name()))
                                             .arg(payload.toString()));
                     });
    const auto deliver = [&received, &out](const QString& label) {
        QCoreApplication::processEvents();
        out.append(label + QStringLiteral(": ") + received.join(QStringLiteral("; ")));
        received.clear();
    };
    out.append(QStringLiteral("feature=%1").arg(driver->hasFeature(QSqlDriver::EventNotifications)));
    QSqlQuery q(db);
    q.exec(QStringLiteral("CREATE TABLE watched (id INTEGER PRIMARY KEY, v INTEGER)"));
    q.exec(QStringLiteral("CREATE TABLE other (id INTEGER PRIMARY KEY)"));
    out.append(QStringLiteral("subscribe=%1 again=%2 other=%3")
                   .arg(driver->subscribeToNotification(QStringLiteral("watched")))
                   .arg(driver->subscribeToNotification(QStringLiteral("watched")))
                   .arg(driver->subscribeToNotification(QStringLiteral("gone"))));
    out.append(QStringLiteral("subscribed: ") + driver->subscribedToNotifications().join(u','));
    q.exec(QStringLiteral("INSERT INTO watched (v) VALUES (1)"));
    out.append(QStringLiteral("before the event loop: %1").arg(received.size()));
    deliver(QStringLiteral("insert"));
    q.exec(QStringLiteral("INSERT INTO other DEFAULT VALUES"));
    deliver(QStringLiteral("unwatched table"));
    q.exec(QStringLiteral("INSERT INTO watched (v) VALUES (2)"));
    q.exec(QStringLiteral("UPDATE watched SET v = v + 1"));
    q.exec(QStringLiteral("DELETE FROM watched WHERE id = 1"));
    deliver(QStringLiteral("insert, update, delete"));
    db.transaction();
    q.exec(QStringLiteral("INSERT INTO watched (v) VALUES (3)"));
    db.rollback();
    deliver(QStringLiteral("rolled back"));
    out.append(QStringLiteral("unsubscribe gone=%1 never=%2")
                   .arg(driver->unsubscribeFromNotification(QStringLiteral("gone")))
                   .arg(driver->unsubscribeFromNotification(QStringLiteral("never"))));
    out.append(
        QStringLiteral("unsubscribe watched=%1").arg(driver->unsubscribeFromNotification(QStringLiteral("watched"))));
    q.exec(QStringLiteral("INSERT INTO watched (v) VALUES (4)"));
    deliver(QStringLiteral("after unsubscribe"));
    driver->subscribeToNotification(QStringLiteral("watched"));
    q.finish();
    db.close();
    out.append(QStringLiteral("closed: subscribed=[%1] subscribe=%2")
                   .arg(driver->subscribedToNotifications().join(u','))
                   .arg(driver->subscribeToNotification(QStringLiteral("watched"))));
    out.append(QStringLiteral("reopen=%1 subscribed=[%2] subscribe=%3")
                   .arg(db.open())
                   .arg(driver->subscribedToNotifications().join(u','))
                   .arg(driver->subscribeToNotification(QStringLiteral("watched"))));
    QSqlQuery(db).exec(QStringLiteral("INSERT INTO watched (v) VALUES (5)"));
    deliver(QStringLiteral("after reopen"));
    return out;
}

QStringList reopen(QSqlDatabase& db)
{
    QStringList out;
    QSqlQuery(db).exec(QStringLiteral("CREATE TABLE r (v TEXT)"));
    for (int round = 1; round <= 3; ++round) {
        QSqlQuery(db).exec(QStringLiteral("INSERT INTO r VALUES ('round %1')").arg(round));
        db.close();
        out.append(QStringLiteral("closed open=%1").arg(db.isOpen()));
        out.append(QStringLiteral("reopen=%1 error=[%2]").arg(db.open()).arg(db.lastError().text()));
        QSqlQuery q(db);
        q.exec(QStringLiteral("SELECT group_concat(v, ',') FROM r"));
        out += rows(q);
    }
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
    all.insert(
        QStringLiteral("multiple statements"),
        {multipleStatements,
         {QStringLiteral("prepare two=0"),
          QStringLiteral("refused type=2 code=21 driverText=Unable to execute multiple statements at a time"),
          QStringLiteral("exec two=0"),
          QStringLiteral("refused type=2 code=21 driverText=Unable to execute multiple statements at a time"),
          QStringLiteral("tables after refusal: "), QStringLiteral("write then delete=0"), QStringLiteral("int:1"),
          QStringLiteral("SELECT 1; -> 1 int:1"), QStringLiteral("SELECT 2; -> 1 int:2"),
          QStringLiteral("SELECT 3; -- a comment -> 0 "), QStringLiteral("SELECT 4; /* c */ -> 0 "),
          QStringLiteral("SELECT 5;; -> 0 "), QStringLiteral("SELECT ';' || \"v\" FROM c -> 1 text:;1")}});
    all.insert(QStringLiteral("field types"),
               {fieldTypes,
                {QStringLiteral("table record:"),
                 QStringLiteral("id:int table=t required=0 auto=1 default= sqlType=-1"),
                 QStringLiteral("i:int table=t required=1 auto=0 default=5 sqlType=-1"),
                 QStringLiteral("bi:QString table=t required=0 auto=0 default= sqlType=-1"),
                 QStringLiteral("r:double table=t required=0 auto=0 default= sqlType=-1"),
                 QStringLiteral("f:double table=t required=0 auto=0 default= sqlType=-1"),
                 QStringLiteral("d:double table=t required=0 auto=0 default= sqlType=-1"),
                 QStringLiteral("n:double table=t required=0 auto=0 default= sqlType=-1"),
                 QStringLiteral("dec:QString table=t required=0 auto=0 default= sqlType=-1"),
                 QStringLiteral("s:QString table=t required=0 auto=0 default=abc sqlType=-1"),
                 QStringLiteral("vc:QString table=t required=0 auto=0 default= sqlType=-1"),
                 QStringLiteral("b:QByteArray table=t required=0 auto=0 default= sqlType=-1"),
                 QStringLiteral("flag:bool table=t required=0 auto=0 default= sqlType=-1"),
                 QStringLiteral("untyped:QString table=t required=0 auto=0 default= sqlType=-1"),
                 QStringLiteral("at:QString table=t required=0 auto=0 default=1 + 1 sqlType=-1"),
                 QStringLiteral("select * on no rows:"),
                 QStringLiteral("id:int table=t required=-1 auto=0 default=null sqlType=-1"),
                 QStringLiteral("i:int table=t required=-1 auto=0 default=null sqlType=-1"),
                 QStringLiteral("bi:QString table=t required=-1 auto=0 default=null sqlType=-1"),
                 QStringLiteral("r:double table=t required=-1 auto=0 default=null sqlType=-1"),
                 QStringLiteral("f:double table=t required=-1 auto=0 default=null sqlType=-1"),
                 QStringLiteral("d:double table=t required=-1 auto=0 default=null sqlType=-1"),
                 QStringLiteral("n:double table=t required=-1 auto=0 default=null sqlType=-1"),
                 QStringLiteral("dec:QString table=t required=-1 auto=0 default=null sqlType=-1"),
                 QStringLiteral("s:QString table=t required=-1 auto=0 default=null sqlType=-1"),
                 QStringLiteral("vc:QString table=t required=-1 auto=0 default=null sqlType=-1"),
                 QStringLiteral("b:QByteArray table=t required=-1 auto=0 default=null sqlType=-1"),
                 QStringLiteral("flag:bool table=t required=-1 auto=0 default=null sqlType=-1"),
                 QStringLiteral("untyped: table=t required=-1 auto=0 default=null sqlType=-1"),
                 QStringLiteral("at:QString table=t required=-1 auto=0 default=null sqlType=-1"),
                 QStringLiteral("select * on rows:"),
                 QStringLiteral("id:int table=t required=-1 auto=0 default=null sqlType=1"),
                 QStringLiteral("i:int table=t required=-1 auto=0 default=null sqlType=1"),
                 QStringLiteral("bi:QString table=t required=-1 auto=0 default=null sqlType=1"),
                 QStringLiteral("r:double table=t required=-1 auto=0 default=null sqlType=2"),
                 QStringLiteral("f:double table=t required=-1 auto=0 default=null sqlType=2"),
                 QStringLiteral("d:double table=t required=-1 auto=0 default=null sqlType=2"),
                 QStringLiteral("n:double table=t required=-1 auto=0 default=null sqlType=1"),
                 QStringLiteral("dec:QString table=t required=-1 auto=0 default=null sqlType=2"),
                 QStringLiteral("s:QString table=t required=-1 auto=0 default=null sqlType=3"),
                 QStringLiteral("vc:QString table=t required=-1 auto=0 default=null sqlType=3"),
                 QStringLiteral("b:QByteArray table=t required=-1 auto=0 default=null sqlType=4"),
                 QStringLiteral("flag:bool table=t required=-1 auto=0 default=null sqlType=1"),
                 QStringLiteral("untyped:int table=t required=-1 auto=0 default=null sqlType=1"),
                 QStringLiteral("at:QString table=t required=-1 auto=0 default=null sqlType=3"),
                 QStringLiteral(
                     "values: qlonglong(1) qlonglong(1) qlonglong(2) double(1.5) double(2.5) double(3.5) qlonglong(5) "
                     "double(6.25) QString(s) QString(v) QByteArray(00) qlonglong(1) qlonglong(7) QString(2)"),
                 QStringLiteral("values: qlonglong(2) qlonglong(2) QString() QString() QString() QString() QString() "
                                "QString() QString(abc) QString() QString() QString() QString(text) QString(2)"),
                 QStringLiteral("expressions:"),
                 QStringLiteral("1:int table= required=-1 auto=0 default=null sqlType=1"),
                 QStringLiteral("1.5:double table= required=-1 auto=0 default=null sqlType=2"),
                 QStringLiteral("'a':QString table= required=-1 auto=0 default=null sqlType=3"),
                 QStringLiteral("x'00':QByteArray table= required=-1 auto=0 default=null sqlType=4"),
                 QStringLiteral("NULL: table= required=-1 auto=0 default=null sqlType=5"),
                 QStringLiteral("count(*):int table= required=-1 auto=0 default=null sqlType=1"),
                 QStringLiteral("sum(i):int table= required=-1 auto=0 default=null sqlType=1"),
                 QStringLiteral("total(i):double table= required=-1 auto=0 default=null sqlType=2"),
                 QStringLiteral("sum(r):double table= required=-1 auto=0 default=null sqlType=2"),
                 QStringLiteral("avg(i):double table= required=-1 auto=0 default=null sqlType=2"),
                 QStringLiteral("max(s):QString table= required=-1 auto=0 default=null sqlType=3"),
                 QStringLiteral("i + 1:int table= required=-1 auto=0 default=null sqlType=1"),
                 QStringLiteral("r * 2:double table= required=-1 auto=0 default=null sqlType=2"),
                 QStringLiteral("alias:int table=t required=-1 auto=0 default=null sqlType=1"),
                 QStringLiteral("i:int table=t required=-1 auto=0 default=null sqlType=1"),
                 QStringLiteral("7 / 2:int table= required=-1 auto=0 default=null sqlType=1"),
                 QStringLiteral("values: qlonglong(1) double(1.5) QString(a) QByteArray(00) QString() qlonglong(2) "
                                "qlonglong(3) double(3) double(1.5) double(1.5) QString(s) qlonglong(2) double(3) "
                                "qlonglong(1) qlonglong(1) qlonglong(3)"),
                 QStringLiteral("first row decides:"),
                 QStringLiteral("first_null: table= required=-1 auto=0 default=null sqlType=5"),
                 QStringLiteral("2:int table= required=-1 auto=0 default=null sqlType=1"),
                 QStringLiteral("empty result:"),
                 QStringLiteral("1: table= required=-1 auto=0 default=null sqlType=-1"),
                 QStringLiteral("i:int table=t required=-1 auto=0 default=null sqlType=-1"),
                 QStringLiteral("s:QString table=t required=-1 auto=0 default=null sqlType=-1"),
                 QStringLiteral("view record:"),
                 QStringLiteral("i:int table=v required=0 auto=0 default= sqlType=-1"),
                 QStringLiteral("s:QString table=v required=0 auto=0 default= sqlType=-1"),
                 QStringLiteral("twice:QString table=v required=0 auto=0 default= sqlType=-1"),
                 QStringLiteral("prepared, not run: 0 fields")}});
    all.insert(QStringLiteral("precision policy"),
               {precisionPolicy,
                {QStringLiteral("policy 1: int(2) int(-2) qlonglong(5) int(-1294967296) int(2) int(-1) qlonglong(4) "
                                "QString(3.5) int(1) int(3)"),
                 QStringLiteral("policy 2: qlonglong(2) qlonglong(-2) qlonglong(5) qlonglong(3000000000) qlonglong(2) "
                                "qlonglong(-1) qlonglong(4) QString(3.5) qlonglong(1) qlonglong(3)"),
                 QStringLiteral("policy 4: double(2.7) double(-2.7) qlonglong(5) double(3000000000.5) double(2.75) "
                                "double(-1.25) qlonglong(4) QString(3.5) double(1.5) double(3.5)"),
                 QStringLiteral("policy 0: double(2.7) double(-2.7) qlonglong(5) double(3000000000.5) double(2.75) "
                                "double(-1.25) qlonglong(4) QString(3.5) double(1.5) double(3.5)"),
                 QStringLiteral("database policy: qlonglong(2) qlonglong(-1)"),
                 QStringLiteral("database policy: qlonglong(2) qlonglong(2)")}});
    all.insert(QStringLiteral("table lookup"),
               {tableLookup,
                {QStringLiteral("attach=1"),
                 QStringLiteral("record(t): id@t,v@t"),
                 QStringLiteral("primaryIndex(t): id@t"),
                 QStringLiteral("record(T): id@T,v@T"),
                 QStringLiteral("primaryIndex(T): id@T"),
                 QStringLiteral("record(\"t\"): id@t,v@t"),
                 QStringLiteral("primaryIndex(\"t\"): id@t"),
                 QStringLiteral("record([t]): id@[t],v@[t]"),
                 QStringLiteral("primaryIndex([t]): id@[t]"),
                 QStringLiteral("record(main.t): id@main.t,v@main.t"),
                 QStringLiteral("primaryIndex(main.t): id@main.t"),
                 QStringLiteral("record(MAIN.T): id@MAIN.T,v@MAIN.T"),
                 QStringLiteral("primaryIndex(MAIN.T): id@MAIN.T"),
                 QStringLiteral("record(other.ot): id@other.ot,w@other.ot"),
                 QStringLiteral("primaryIndex(other.ot): id@other.ot"),
                 QStringLiteral("record(other.[ot]): id@other.[ot],w@other.[ot]"),
                 QStringLiteral("primaryIndex(other.[ot]): id@other.[ot]"),
                 QStringLiteral("record(temp.scratch): z@temp.scratch"),
                 QStringLiteral("primaryIndex(temp.scratch): (none)"),
                 QStringLiteral("record(scratch): z@scratch"),
                 QStringLiteral("primaryIndex(scratch): (none)"),
                 QStringLiteral("record(My Table): my col@My Table,x@My Table"),
                 QStringLiteral("primaryIndex(My Table): my col@My Table"),
                 QStringLiteral("record(\"My Table\"): my col@My Table,x@My Table"),
                 QStringLiteral("primaryIndex(\"My Table\"): my col@My Table"),
                 QStringLiteral("record(my table): my col@my table,x@my table"),
                 QStringLiteral("primaryIndex(my table): my col@my table"),
                 QStringLiteral("record(nowhere): (none)"),
                 QStringLiteral("primaryIndex(nowhere): (none)"),
                 QStringLiteral("record(other.t): (none)"),
                 QStringLiteral("primaryIndex(other.t): (none)"),
                 QStringLiteral("record(): (none)"),
                 QStringLiteral("primaryIndex(): (none)"),
                 QStringLiteral("index name=[] cursor=[] auto=1"),
                 QStringLiteral("key of k: a:QString table=k required=0 auto=0 default= sqlType=-1 | c:QString table=k "
                                "required=0 auto=0 default= sqlType=-1"),
                 QStringLiteral("key of pair: a:QString table=pair required=0 auto=0 default= sqlType=-1 | b:QString "
                                "table=pair required=0 auto=0 default= sqlType=-1")}});
    all.insert(
        QStringLiteral("identifiers"),
        {identifiers,
         {QStringLiteral("[t] table=[\"t\"] field=[\"t\"] escaped=0 stripped=[t]"),
          QStringLiteral("[My Table] table=[\"My Table\"] field=[\"My Table\"] escaped=0 stripped=[My Table]"),
          QStringLiteral("[ lead] table=[\" lead\"] field=[\" lead\"] escaped=0 stripped=[ lead]"),
          QStringLiteral("[trail ] table=[\"trail \"] field=[\"trail \"] escaped=0 stripped=[trail ]"),
          QStringLiteral("[tab\there] table=[\"tab\there\"] field=[\"tab\there\"] escaped=0 stripped=[tab\there]"),
          QStringLiteral("[a.b] table=[\"a\".\"b\"] field=[\"a.b\"] escaped=0 stripped=[a.b]"),
          QStringLiteral("[main.t] table=[\"main\".\"t\"] field=[\"main.t\"] escaped=0 stripped=[main.t]"),
          QStringLiteral("[a b.c d] table=[\"a b\".\"c d\"] field=[\"a b.c d\"] escaped=0 stripped=[a b.c d]"),
          QStringLiteral("[x.y.z] table=[\"x\".\"y\".\"z\"] field=[\"x.y.z\"] escaped=0 stripped=[x.y.z]"),
          QStringLiteral("[\"q\"] table=[\"q\"] field=[\"q\"] escaped=1 stripped=[q]"),
          QStringLiteral(
              "[\"main\".\"t\"] table=[\"main\".\"t\"] field=[\"main\".\"t\"] escaped=1 stripped=[main\".\"t]"),
          QStringLiteral("[[x]] table=[[x]] field=[[x]] escaped=0 stripped=[[x]]"),
          QStringLiteral("[`y`] table=[\"`y`\"] field=[\"`y`\"] escaped=0 stripped=[`y`]"),
          QStringLiteral("[we\"ird] table=[\"we\"\"ird\"] field=[\"we\"\"ird\"] escaped=0 stripped=[we\"ird]"),
          QStringLiteral("[\"\"] table=[\"\"] field=[\"\"] escaped=0 stripped=[\"\"]"),
          QStringLiteral("[] table=[] field=[] escaped=0 stripped=[]"), QStringLiteral("create=1"),
          QStringLiteral("tables:  odd \"name\" "), QStringLiteral("record: a column@ odd \"name\" ")}});
    all.insert(QStringLiteral("table model"),
               {tableModel,
                {QStringLiteral("select=1 rows=2 columns=3"), QStringLiteral("primary key: id@item"),
                 QStringLiteral("insert=1"), QStringLiteral("setData=1"), QStringLiteral("submit=1 error="),
                 QStringLiteral("remove=1 submit=1"), QStringLiteral("int:1|text:Stalls|int:4500"),
                 QStringLiteral("int:3|text:Box|int:9000"), QStringLiteral("placeholders exec=1 bound=2"),
                 QStringLiteral("names: :b@,':c'@,:d@"), QStringLiteral("int:1|text::c|text::d")}});
    all.insert(QStringLiteral("notifications"),
               {notifications,
                {QStringLiteral("feature=1"), QStringLiteral("subscribe=1 again=0 other=1"),
                 QStringLiteral("subscribed: watched,gone"), QStringLiteral("before the event loop: 0"),
                 QStringLiteral("insert: watched source=0 payload=qlonglong:1"), QStringLiteral("unwatched table: "),
                 QStringLiteral(
                     "insert, update, delete: watched source=0 payload=qlonglong:2; watched source=0 "
                     "payload=qlonglong:1; watched source=0 payload=qlonglong:2; watched source=0 payload=qlonglong:1"),
                 QStringLiteral("rolled back: watched source=0 payload=qlonglong:3"),
                 QStringLiteral("unsubscribe gone=1 never=0"), QStringLiteral("unsubscribe watched=1"),
                 QStringLiteral("after unsubscribe: "), QStringLiteral("closed: subscribed=[] subscribe=0"),
                 QStringLiteral("reopen=1 subscribed=[] subscribe=1"),
                 QStringLiteral("after reopen: watched source=0 payload=qlonglong:4")}});
    all.insert(QStringLiteral("reopen"),
               {reopen,
                {QStringLiteral("closed open=0"), QStringLiteral("reopen=1 error=[]"), QStringLiteral("text:round 1"),
                 QStringLiteral("closed open=0"), QStringLiteral("reopen=1 error=[]"),
                 QStringLiteral("text:round 1,round 2"), QStringLiteral("closed open=0"),
                 QStringLiteral("reopen=1 error=[]"), QStringLiteral("text:round 1,round 2,round 3")}});
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

    // Every feature QSQLITE claims, ours claims, except named placeholders: QSqlResult rewrites them to positional
    // ones for us (docs/storage.md).
    void sameFeaturesAsQsqlite()
    {
        QStringList answers[2];
        int index = 0;
        for (const QString& driver : {QStringLiteral("QSQLITE"), QStringLiteral("QSQLCIPHER")}) {
            QString connectionName;
            {
                QSqlDatabase db = openDatabase(driver);
                connectionName = db.connectionName();
                for (int feature = QSqlDriver::Transactions; feature <= QSqlDriver::CancelQuery; ++feature)
                    if (feature != QSqlDriver::NamedPlaceholders)
                        answers[index].append(QStringLiteral("%1=%2").arg(feature).arg(
                            db.driver()->hasFeature(QSqlDriver::DriverFeature(feature))));
                ++index;
            }
            QSqlDatabase::removeDatabase(connectionName);
        }
        QCOMPARE(answers[1], answers[0]);
        QVERIFY(answers[0].contains(QStringLiteral("%1=1").arg(int(QSqlDriver::EventNotifications))));
    }

    // Where QSQLCIPHER deliberately differs from Qt 6.4's QSQLITE, both answers are spelled out, so that a change on
    // either side shows up here (docs/storage.md, "Differences from QSQLITE").
    void documentedDifferences()
    {
        struct Difference
        {
            const char* what;
            std::function<QString(QSqlDatabase&)> ask;
            QString qsqlite;
            QString qsqlcipher;
        };
        const auto names = [](const QSqlRecord& record) {
            QStringList out;
            for (int i = 0; i < record.count(); ++i)
                out.append(record.fieldName(i));
            return out.join(u',');
        };
        const QList<Difference> differences{
            {"dbmsType (needs Qt's private QSqlDriverPrivate to set)",
             [](QSqlDatabase& db) { return QString::number(int(db.driver()->dbmsType())); },
             QString::number(int(QSqlDriver::SQLite)), QString::number(int(QSqlDriver::UnknownDbms))},
            {"named placeholders are rewritten by QSqlResult",
             [](QSqlDatabase& db) { return QString::number(db.driver()->hasFeature(QSqlDriver::NamedPlaceholders)); },
             QStringLiteral("1"), QStringLiteral("0")},
            {"composite primary key in key order",
             [&names](QSqlDatabase& db) {
                 QSqlQuery(db).exec(QStringLiteral("CREATE TABLE pair (b TEXT, a TEXT, c TEXT, PRIMARY KEY (c, a))"));
                 return names(db.primaryIndex(QStringLiteral("pair")));
             },
             QStringLiteral("a,c"), QStringLiteral("c,a")},
            {"\"schema\".\"table\" is found",
             [&names](QSqlDatabase& db) {
                 QSqlQuery(db).exec(QStringLiteral("CREATE TABLE q (id INTEGER PRIMARY KEY, v TEXT)"));
                 return names(db.record(QStringLiteral("\"main\".\"q\"")));
             },
             QString(), QStringLiteral("id,v")},
            {"a quoted name with a dot is one name",
             [&names](QSqlDatabase& db) {
                 QSqlQuery(db).exec(QStringLiteral("CREATE TABLE \"a.b\" (z TEXT)"));
                 return names(db.record(QStringLiteral("\"a.b\"")));
             },
             QString(), QStringLiteral("z")},
            {"a stray quote is doubled, not passed through",
             [](QSqlDatabase& db) {
                 return db.driver()->escapeIdentifier(QStringLiteral("\"q"), QSqlDriver::TableName);
             },
             QStringLiteral("\"q"), QStringLiteral("\"\"\"q\"")},
            {"a half-quoted schema.table is quoted part by part",
             [](QSqlDatabase& db) -> QString {
                 return db.driver()->escapeIdentifier(QStringLiteral("sch.\"tab\""), QSqlDriver::TableName) + u' ' +
                        db.driver()->escapeIdentifier(QStringLiteral("\"sch\".tab"), QSqlDriver::TableName);
             },
             QStringLiteral("sch.\"tab\" \"sch\".tab"), QStringLiteral("\"sch\".\"tab\" \"sch\".\"tab\"")},
        };
        for (const Difference& difference : differences) {
            QString answers[2];
            int index = 0;
            for (const QString& driver : {QStringLiteral("QSQLITE"), QStringLiteral("QSQLCIPHER")}) {
                QString connectionName;
                {
                    QSqlDatabase db = openDatabase(driver);
                    connectionName = db.connectionName();
                    answers[index++] = difference.ask(db);
                }
                QSqlDatabase::removeDatabase(connectionName);
            }
            QVERIFY2(
                answers[0] == difference.qsqlite,
                qPrintable(QStringLiteral("%1: QSQLITE now says %2").arg(QLatin1String(difference.what), answers[0])));
            QVERIFY2(
                answers[1] == difference.qsqlcipher,
                qPrintable(QStringLiteral("%1: QSQLCIPHER says %2").arg(QLatin1String(difference.what), answers[1])));
        }
    }

    // The key is kept for the driver's life: neither close() nor a failed open() loses it.
    void openAgainAfterFailedOpenAndClose()
    {
        const QString file = m_dir.filePath(QStringLiteral("reopen-after-failure.db"));
        auto* driver = new SqlCipherDriver();
        driver->setKey(QByteArray(32, '\x33'));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(driver, QStringLiteral("reopen-after-failure"));
            db.setDatabaseName(file);
            QVERIFY(!db.open()); // no such file, and QSQLCIPHER_CREATE not given
            QCOMPARE(driver->openFailure(), SqlCipherDriver::OpenFailure::FileNotFound);
            db.setConnectOptions(QStringLiteral("QSQLCIPHER_CREATE=1"));
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("CREATE TABLE kept (v TEXT)")));
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("INSERT INTO kept VALUES ('still here')")));
            for (int round = 0; round < 2; ++round) {
                db.close();
                QVERIFY2(db.open(), qPrintable(db.lastError().text()));
                QSqlQuery q(db);
                QVERIFY(q.exec(QStringLiteral("SELECT v FROM kept")) && q.next());
                QCOMPARE(q.value(0).toString(), QStringLiteral("still here"));
            }
            // After a rekey the file opens only with the new key, and the driver reopens it with that one.
            QVERIFY2(driver->rekey(QByteArray(32, '\x44')), qPrintable(driver->lastError().text()));
            db.close();
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT v FROM kept")) && q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("still here"));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("reopen-after-failure"));
        // And nothing but the new key opens it.
        auto* stale = new SqlCipherDriver();
        stale->setKey(QByteArray(32, '\x33'));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(stale, QStringLiteral("reopen-stale-key"));
            db.setDatabaseName(file);
            QVERIFY(!db.open());
            QCOMPARE(stale->openFailure(), SqlCipherDriver::OpenFailure::WrongKeyOrNotADatabase);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("reopen-stale-key"));
    }
};

QTEST_GUILESS_MAIN(TestDriverConformance)
#include "TestDriverConformance.moc"
