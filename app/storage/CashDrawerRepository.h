#pragma once

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>

namespace foyer::storage {

// The cash staff count in a drawer at close: the float it opened with and what is in it now, per workstation and day.
// The day sheet sets these beside the cash the drawer's payments say should be there.
class CashDrawerRepository
{
    Q_DECLARE_TR_FUNCTIONS(foyer::storage::CashDrawerRepository)
public:
    struct CashCount
    {
        QDate businessDate; // the venue's local day
        QString workstation;
        QString drawer;
        qint64 floatMinor = 0;
        qint64 countedMinor = 0;
        QString note;
        QString staffName;   // read back only
        QDateTime countedAt; // UTC; read back only
    };

    explicit CashDrawerRepository(QSqlDatabase db);

    // Records (or, for a recount, replaces) one drawer's count in one transaction; a bad figure changes nothing.
    bool recordCount(const CashCount& count, const QString& staffId, QString* error);
    // The counts for a day, for one workstation or (empty) all, by workstation and drawer.
    // A failed read returns nothing and says why in error.
    QList<CashCount> counts(const QDate& day, const QString& workstation, QString* error);

private:
    QSqlDatabase m_db;
};

} // namespace foyer::storage
