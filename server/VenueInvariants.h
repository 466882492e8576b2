#pragma once

#include <QJsonObject>
#include <QList>
#include <QSqlError>
#include <QString>
#include <optional>

namespace foyer::server {

class ServerDatabase;

// The invariants the server decides for a venue, whichever workstation sold first: one active sale per seat and
// performance, unique confirmation and patron numbers (unique indexes on row_state; this turns a violation into a
// reason staff read), member seat credits per show (core::MembershipCreditRule) and limited-use discount counts
// (core::BenefitRules), checked after an operation's rows are written, in its transaction.
class VenueInvariants
{
public:
    struct ChangedRow
    {
        QString table;
        QJsonObject data;
        bool deleted = false;
    };

    VenueInvariants(ServerDatabase& db, const QString& venueId)
        : m_db(db)
        , m_venueId(venueId)
    {
    }

    // The reason for a unique-index violation while writing row (empty: not one of ours).
    QString violationReason(const QSqlError& error, const QString& table, const QJsonObject& row);
    // Empty when every membership seat and limited-use discount the operation touched is within its allowance.
    QString creditProblem(const QList<ChangedRow>& rows);
    QString discountProblem(const QList<ChangedRow>& rows);

private:
    std::optional<QJsonObject> liveRow(const QString& table, const QString& id);
    QString showTitle(const QString& showId);

    ServerDatabase& m_db;
    QString m_venueId;
};

} // namespace foyer::server
