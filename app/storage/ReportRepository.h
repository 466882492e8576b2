#pragma once

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>

namespace foyer::storage {

// What the managers' reports read. Dates are the venue's local days; the rows carry UTC times.
class ReportRepository
{
public:
    struct DonationRow
    {
        QDateTime at; // UTC
        qint64 patronNumber = 0;
        QString patronName;
        QString fund;
        QString status;
        int probabilityPercent = -1;
        qint64 amountMinor = 0;
        bool recurring = false;
    };
    struct RecurringRow
    {
        QString patronName;
        qint64 amountMinor = 0;
        QString frequency;
        QString status;
        QString cancelReason;
    };

    struct ContactRow
    {
        QDateTime at; // UTC
        QString staffName;
        QString kind; // in_person, meeting, phone, email, gift
        QString direction;
        QString outcome;
        QString subject;
        QString patronName;
    };

    explicit ReportRepository(QSqlDatabase db);

    // Contact logs from the first day to the last, inclusive, oldest first.
    QList<ContactRow> contactActivity(const QDate& from, const QDate& to);

    // Donations received (or pledged) from the first day to the last, inclusive, oldest first.
    QList<DonationRow> donations(const QDate& from, const QDate& to);
    QList<RecurringRow> recurringDonations();

private:
    QSqlDatabase m_db;
};

} // namespace foyer::storage
