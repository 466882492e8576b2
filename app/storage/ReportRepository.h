#pragma once

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>

namespace foyer::storage {

// What the managers' reports read. Dates are the venue's days (its time zone, core::Clock); the rows carry UTC times.
// A read that fails returns nothing and says why in error: callers check it, an empty list alone means no rows.
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
        bool firstTimeDonor = false; // the patron gave nothing before the range began
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
        // Recorded by the payment step for cash (NULL before it): what the patron handed over and the change given.
        QVariant tenderedMinor;
        QVariant changeMinor;
        // What stayed in the drawer: tendered minus change when recorded, else the amount (core::Tender::kept).
        qint64 keptMinor() const;
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

    // One member's credit use at one performance.
    struct CreditUseRow
    {
        QDateTime performanceAt; // UTC
        QString showTitle;
        QString membershipNumber;
        QString patronName;
        QString levelName;
        QDate validFrom;
        QDate validUntil;
        int usedHere = 0; // seats at this performance
        int creditsForShow = 0;
        int usedForShow = 0; // across every performance of the show, this one included
        QString orders;      // confirmation numbers, comma separated
        bool openChangeRequest = false;
    };
    // A membership ending in the range that nobody has renewed, with how to reach its member.
    struct RenewalRow
    {
        QString membershipNumber;
        qint64 patronNumber = 0;
        QString patronName;
        QString levelName;
        QDate validUntil;
        QString email;
        QString phone;
        QString preferredContact;
        QString address;
    };

    explicit ReportRepository(QSqlDatabase db);

    // Credits used at performances from the first day to the last, by performance then membership number.
    QList<CreditUseRow> creditUse(const QDate& from, const QDate& to, QString* error);
    // Recurring memberships whose valid-until falls in the range and that have not been renewed, soonest first.
    QList<RenewalRow> renewalsDue(const QDate& from, const QDate& to, QString* error);

    // One venue day's rows: from its midnight in the venue's time zone to the next (core::Clock).
    QList<PaymentRow> payments(const QDate& day, const QString& workstation, QString* error);
    QList<SoldOrderRow> ordersConfirmed(const QDate& day, const QString& workstation, QString* error);
    QList<OrderEventRow> orderEvents(const QDate& day, const QString& workstation, QString* error);
    // Every workstation that took a payment or counted a drawer, for the day sheet's filter.
    QStringList workstations(QString* error);

    // Contact logs from the first day to the last, inclusive, oldest first.
    QList<ContactRow> contactActivity(const QDate& from, const QDate& to, QString* error);

    // Donations received (or pledged) from the first day to the last, inclusive, oldest first.
    QList<DonationRow> donations(const QDate& from, const QDate& to, QString* error);
    QList<RecurringRow> recurringDonations(QString* error);

private:
    QSqlDatabase m_db;
};

} // namespace foyer::storage
