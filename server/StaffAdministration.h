#pragma once

#include "ApiReply.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace foyer::server {

class ServerDatabase;

// The admin's staff endpoints (POST /v1/staff, POST /v1/staff/<id>, GET /v1/staff) and the staff directory every
// signed-in member sees (GET /v1/staff/directory, and "staff" in every pull reply). Password hashes never leave it.
// Disabling an account or resetting its password ends that account's sessions in the same transaction; the last
// active admin of a venue cannot be disabled or given another role (409).
class StaffAdministration
{
public:
    explicit StaffAdministration(ServerDatabase& db)
        : m_db(db)
    {
    }

    ApiReply create(const QString& venueId, const QJsonObject& body);
    ApiReply update(const QString& venueId, const QString& staffId, const QJsonObject& body);
    ApiReply list(const QString& venueId);
    // POST /v1/staff/import: a standalone workstation's own accounts, at its registration. Creates those whose
    // username the venue does not have yet, with the workstation's id and Argon2id verifier (so ids and passwords
    // carry over); existing usernames are left as they are and reported with the server's id. One transaction.
    ApiReply importStaff(const QString& venueId, const QJsonObject& body);
    // [{id, username, display_name, email, role, active}], ordered by username. Throws DatabaseFailure.
    QJsonArray directory(const QString& venueId);

    static bool isRole(const QString& role);
    static constexpr int minPasswordLength = 10;

private:
    ServerDatabase& m_db;
};

} // namespace foyer::server
