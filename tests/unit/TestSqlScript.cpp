#include "SqlScript.h"

#include <QTest>

using foyer::storage::SqlScript;

class TestSqlScript : public QObject
{
    Q_OBJECT
private slots:
    void split_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<QStringList>("statements");
        QTest::newRow("two") << QStringLiteral("CREATE TABLE a (x);\nCREATE TABLE b (y);")
                             << QStringList{QStringLiteral("CREATE TABLE a (x)"), QStringLiteral("CREATE TABLE b (y)")};
        QTest::newRow("no trailing semicolon") << QStringLiteral("SELECT 1") << QStringList{QStringLiteral("SELECT 1")};
        QTest::newRow("semicolon in string")
            << QStringLiteral("INSERT INTO t VALUES ('a;b', 'it''s; ok');SELECT 2;")
            << QStringList{QStringLiteral("INSERT INTO t VALUES ('a;b', 'it''s; ok')"), QStringLiteral("SELECT 2")};
        QTest::newRow("quoted identifier") << QStringLiteral("CREATE TABLE \"or;der\" (x);")
                                           << QStringList{QStringLiteral("CREATE TABLE \"or;der\" (x)")};
        QTest::newRow("comments") << QStringLiteral("-- a comment; with semicolon\nSELECT 1; /* block; */ SELECT 2;")
                                  << QStringList{QStringLiteral("SELECT 1"), QStringLiteral("SELECT 2")};
        QTest::newRow("only comments") << QStringLiteral("-- nothing here;\n") << QStringList{};
    }

    void split()
    {
        QFETCH(QString, script);
        QFETCH(QStringList, statements);
        QCOMPARE(SqlScript::split(script), statements);
    }
};

QTEST_GUILESS_MAIN(TestSqlScript)
#include "TestSqlScript.moc"
