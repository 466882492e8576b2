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

    // The box office day sheet's rows. A workstation is the first part of its confirmation numbers; empty: all.
    struct PaymentRow
    {
        QDateTime at; // UTC
        QString confirmationNumber;
        QString workstation;
        QString staffName;
        QString payType;
        qint64 amountMinor = 0; // negative: given back
    };
    struct SoldOrderRow
    {
        QDateTime confirmedAt; // UTC
        QString confirmationNumber;
        QString patronName; // empty: a walk-up sale
        QString staffName;
        int seats = 0;
        int membershipSeats = 0;
        qint64 totalMinor = 0; // the lines as sold, before later refunds or exchanges
        QString status;
    };
    struct OrderEventRow
    {
        QDateTime at; // UTC
        QString kind; // refund, exchange, void
        QString confirmationNumber;
        QString seat;
        qint64 amountMinor = 0;
        QString reason;
        QString staffName;
    };

    explicit ReportRepository(QSqlDatabase db);

    QList<PaymentRow> payments(const QDate& day, const QString& workstation);
    QList<SoldOrderRow> ordersConfirmed(const QDate& day, const QString& workstation);
    QList<OrderEventRow> orderEvents(const QDate& day, const QString& workstation);
    // Every workstation that took a payment or counted a drawer, for the day sheet's filter.
    QStringList workstations();

    // Contact logs from the first day to the last, inclusive, oldest first.
    QList<ContactRow> contactActivity(const QDate& from, const QDate& to);

    // Donations received (or pledged) from the first day to the last, inclusive, oldest first.
    QList<DonationRow> donations(const QDate& from, const QDate& to);
    QList<RecurringRow> recurringDonations();

private:
    QSqlDatabase m_db;
};

} // namespace foyer::storage
