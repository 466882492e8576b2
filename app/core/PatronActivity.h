#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>

namespace foyer::core {

// Read models for the profile's tabs: one order, one history event, one contact log, one recurring donation.

struct OrderSummary
{
    QString id;
    QString confirmationNumber;
    QString
        category; // ticket, collection, donation, pass, pass_renewal, invoice, transfer, gift_card, class_registration
    QString channel;
    QString internalStatus;
    QDateTime createdAt;
    qint64 totalMinor = 0;    // lines and donations together
    qint64 donationMinor = 0; // of which donations
    int items = 0;
    bool hasDonation = false;
    bool hasAdmission = false; // ticket or collection lines

    // "Donation", "Ticket purchase", "Mixed" (tickets and a gift together) or the category's own name.
    QString label() const;
};

// One line of an order as the read-only order details show it.
struct OrderLineSummary
{
    QString description;     // the show's title, or what was sold
    QDateTime performanceAt; // UTC; invalid for items without a performance
    QString seat;            // "Stalls B12", empty for unseated items
    qint64 priceMinor = 0;
    QString payType; // credit_card, cash, check, gift_card, membership
    QString membershipNumber;
    QString status; // active, refunded, exchanged, void
};

struct HistoryEvent
{
    QDateTime occurredAt;
    QString kind; // e.g. patron_created, box_office_sale, online_purchase, abandoned_cart, membership, profile_edit
    QString summary;
    QString actorName;
};

struct ContactLog
{
    QString id;
    QString kind;      // in_person, meeting, phone, email, gift
    QString direction; // inbound, outbound
    QString outcome;
    QString subject;
    QString details;
    QString staffId;
    QString staffName;
    QDateTime occurredAt;
    // For an email: what the venue's server reported (synced back): "queued" (also before any report), "sent",
    // "failed", with the relay's reason when it failed. Empty for other kinds.
    QString emailStatus;
    QString emailError;

    // Email entries are a record of what was sent: they cannot be changed afterwards.
    bool isEditable() const { return kind != QLatin1String("email"); }
};

struct RecurringDonation
{
    QString id;
    qint64 amountMinor = 0;
    QString frequency;  // monthly, quarterly, yearly
    int termMonths = 0; // 0: until cancelled
    QDate startsOn;
    QString status; // active, paused, cancelled, completed
    QString cancelReason;
    QString fundName;

    // The next charge on or after `today`; invalid when no charge is due any more.
    QDate nextChargeDate(const QDate& today) const;
    // Why it cannot be cancelled with this reason; empty when it can.
    QString cancelProblem(const QString& reason) const;
};

} // namespace foyer::core
