#pragma once

#include "MembershipCreditRule.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

namespace foyer::core {

// One seat line of an order in the editor.
struct OrderLineDraft
{
    QString id; // UUIDv7, made when the line is added
    QString performanceId;
    QString showId;
    QString showTitle;
    QDateTime performanceAt; // UTC
    QString seatId;
    QString seatLabel; // "Stalls B12"
    QString priceTypeId;
    QString priceTypeName;
    qint64 listPriceMinor = 0; // the price type's price
    QString payType = QStringLiteral("credit_card");
    QString membershipNumber;
    // Order-time authentication: the email the patron gave for this seat (never stored). The password is not part of
    // the draft: the editor keeps it in locked memory (gui::MemberPasswords) and checks it by line id.
    QString memberEmail;
    QString error;       // the last confirmation's message for this row (credits, authentication)
    QString saleProblem; // why this patron may not buy this seat now (presale, members-only area); empty: may

    QString problem() const { return saleProblem.isEmpty() ? error : saleProblem; }

    QString section;      // the seat's section (member-only areas are per section)
    QString discountId;   // the benefit discount that priced this line, if any (core::BenefitRules)
    QString discountCode; // its code, for the screen ("FRIEND10")
    qint64 discountedPriceMinor = 0;

    // A membership seat is priced 0 (the member's seat credits cover it); a discounted one at its discounted price.
    qint64 priceMinor() const
    {
        if (payType == QLatin1String("membership"))
            return 0;
        return discountId.isEmpty() ? listPriceMinor : discountedPriceMinor;
    }
};

// The order being built or changed at the window.
struct OrderDraft
{
    QString id;
    QString confirmationNumber;
    QString patronId;
    QString channel = QStringLiteral("box_office");
    QString internalStatus = QStringLiteral("open");
    QList<OrderLineDraft> lines;

    qint64 totalMinor() const;
    QMap<QString, qint64> totalsByPayType() const; // pay type -> amount; membership seats counted in seatsByPayType
    QMap<QString, int> seatsByPayType() const;
    // The membership lines as the credit rule checks them (row = index in lines).
    QList<MembershipSeatLine> membershipLines() const;
};

} // namespace foyer::core
