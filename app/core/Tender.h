#pragma once

#include <QCoreApplication>
#include <QList>
#include <QMap>
#include <QString>
#include <QVariant>

namespace foyer::core {

// The payment step's arithmetic and checks, shared by the payment dialog and the confirmation in storage. An order
// owes an amount per pay type (its lines'); each is taken as one payment: cash with the amount handed over and the
// change given back, a card or gift card with the terminal's approval or reference code (a processor token, never a
// card number), a check with its number. Several pay types in one order are a split payment, taken in one step.
class Tender
{
    Q_DECLARE_TR_FUNCTIONS(foyer::core::Tender)
public:
    struct Payment
    {
        QString payType;
        qint64 dueMinor = 0;
        qint64 tenderedMinor = 0; // cash only: what the patron handed over
        QString reference;        // card and gift card: approval code; check: its number

        bool isCash() const { return payType == QLatin1String("cash"); }
        // Cash: tendered minus due (never negative); otherwise 0.
        qint64 changeMinor() const;
        // What the venue keeps: the amount due (cash: tendered minus change).
        qint64 keptMinor() const { return isCash() ? tenderedMinor - changeMinor() : dueMinor; }
    };

    // One payment per pay type the order owes money for (membership seats owe none), in PayType::codes() order.
    static QList<Payment> due(const QMap<QString, qint64>& totalsByPayType);
    // Why this payment cannot be taken as it is; empty when it can.
    static QString problem(const Payment& payment);
    // The whole tender against what the order owes now: each pay type owed taken once, for its amount, and each
    // payment acceptable. Empty when it is.
    static QString check(const QList<Payment>& payments, const QMap<QString, qint64>& totalsByPayType);
    // True when the text holds something that may be a card number: 13 to 19 digits (spaces and dashes between them
    // ignored) that pass the Luhn check.
    static bool looksLikeCardNumber(const QString& text);
    static bool passesLuhn(const QString& digits);
    // The amount a stored payment row kept: tendered minus change when the step recorded them, else its amount.
    static qint64 kept(qint64 amountMinor, const QVariant& tenderedMinor, const QVariant& changeMinor);
};

} // namespace foyer::core
