#pragma once

#include <QCoreApplication>
#include <QDate>
#include <QHash>
#include <QList>
#include <QStringList>
#include <functional>

namespace foyer::core {

// A member as the credit rule sees them: which shows their level covers, how many seats they may take per show (or
// per season), and their registered email and password hash for order-time authentication.
struct MemberRecord
{
    QString membershipNumber;
    QString email;
    QString passwordHash; // Argon2id; empty when the member never set one
    QDate validFrom;
    QDate validUntil; // invalid: open-ended
    bool renewed = false;
    QStringList coveredShowIds;         // the benefit level's shows
    QHash<QString, int> creditsPerShow; // show id -> seats
    int seasonCredits = -1;             // -1: no season allowance; else seats for any covered show of the season
    // How many live memberships in the whole member database carry this email (this one included), whether or not
    // they are in the order: the shared-email rule needs every one. 0: not counted (only the records given count).
    int membershipsWithEmail = 0;
};

// One membership seat line of the order being confirmed.
struct MembershipSeatLine
{
    int row = 0; // the editor's row, so an error lands in that row
    QString membershipNumber;
    QString showId;
    QDate performanceDate;
    // Order-time authentication only: the email the patron typed for this seat (the password stays with whoever holds
    // it, found by lineId, so it is never copied into the order).
    QString email;
    QString lineId;
};

// A seat already taken on a membership in another order.
struct PriorCreditUse
{
    QString membershipNumber;
    QString showId;
    QString orderStatus; // an order that was cancelled, voided or fully refunded gives its credits back
    QString lineStatus;  // active, refunded, exchanged, void
};

class MembershipCreditRule
{
    Q_DECLARE_TR_FUNCTIONS(foyer::core::MembershipCreditRule)
public:
    struct LineError
    {
        int row = 0;
        QString message;
    };
    // Whether the password typed for this seat matches the member's stored hash (false when none was typed).
    using PasswordCheck = std::function<bool(const MembershipSeatLine& line, const QString& hash)>;

    // Whether a seat used in another order still counts against the member's credits.
    static bool countsAgainstCredits(const PriorCreditUse& use);

    // Every membership line checked against the member database: the membership exists, is active on the
    // performance date, covers the show, and the member's entitlement for that show minus seats used in all other
    // orders covers this order's membership seats for that member (lines for one member add up). Empty: confirm.
    // A row past the allowance says how many credits are left after the rows above it in this order.
    static QList<LineError> validate(const QList<MembershipSeatLine>& lines,
                                     const QHash<QString, MemberRecord>& members,
                                     const QList<PriorCreditUse>& priorUse);

    // Order-time member authentication (a venue setting): the first membership seat needs the registered email and
    // password; further seats need the registered email; a seat whose email is shared by several memberships (in the
    // order or not: MemberRecord::membershipsWithEmail) needs the password too. Returns the errors per row; the first
    // authenticated member's number in firstMember.
    static QList<LineError> authenticate(const QList<MembershipSeatLine>& lines,
                                         const QHash<QString, MemberRecord>& members,
                                         const PasswordCheck& checkPassword, QString* firstMember = nullptr);
};

} // namespace foyer::core
