// crash_writer DB MODE: reads the hex key from stdin, then
//   MODE=pause   inserts 5,000 of 10,000 rows in one transaction, prints "halfway" and waits to be killed;
//   MODE=loop    commits 10,000-row transactions one after another, printing "committed N" after each.
#include "Database.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QTextStream>
#include <QThread>
#include <cstdio>

using namespace foyer::storage;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 3)
        return 2;
    QTextStream in(stdin);
    QByteArray key = QByteArray::fromHex(in.readLine().toLatin1());
    DatabaseError error;
    auto database = Database::open(QString::fromLocal8Bit(argv[1]), key, Database::Mode::OpenExisting, &error);
    if (!database) {
        QTextStream(stderr) << error.message << Qt::endl;
        return 1;
    }
    const bool pause = qstrcmp(argv[2], "pause") == 0;
    QSqlDatabase db = database->connection();
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral("INSERT INTO workstation_setting (name, value) VALUES (?, ?)"));
    for (int batch = 0;; ++batch) {
        db.transaction();
        for (int i = 0; i < 10000; ++i) {
            insert.bindValue(0,
                             QStringLiteral("row-%1-%2-%3").arg(QCoreApplication::applicationPid()).arg(batch).arg(i));
            insert.bindValue(1, QStringLiteral("value %1").arg(i));
            if (!insert.exec())
                return 3;
            if (pause && i == 5000) {
                std::printf("halfway\n");
                std::fflush(stdout);
                for (;;)
                    QThread::sleep(1); // the test kills us here, inside the open transaction
            }
        }
        db.commit();
        std::printf("committed %d\n", batch + 1);
        std::fflush(stdout);
    }
}
