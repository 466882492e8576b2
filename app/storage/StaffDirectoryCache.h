#pragma once

#include "StaffMember.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

namespace foyer::storage {

// Keeps the local staff_user rows a cache of the venue server's staff directory (docs/sync-protocol.md, "staff" in
// every pull page): the server's id, username, name, email, role and whether the account is active. The password
// verifier stays local (the server never sends one): a row the workstation never signed in with gets "!", which no
// password matches, until its owner signs in online once.
//
// Each entry's password_version (the server's count of password changes) is kept beside the verifier: an entry with a
// later version than the one the local verifier was made for, or an inactive entry, drops the verifier to "!", so a
// password changed or an account disabled on the server stops working offline once the workstation has pulled.
//
// A local row with the directory's username but another id (an account made on this workstation before it was
// registered) is moved to the server's id: every column that references staff_user(id), found from the schema's
// foreign keys, and the operations not yet pushed, in one transaction with capture off.
class StaffDirectoryCache
{
public:
    // The verifier of an account the workstation has not seen a password for: never a valid Argon2id string.
    static constexpr const char* NoVerifier = "!";

    explicit StaffDirectoryCache(QSqlDatabase db);

    // Applies a directory ([{id, username, display_name, email, role, active}]) in one transaction. Local accounts
    // the directory does not list are disabled (they cannot work on a registered workstation: the server refuses
    // their operations). An empty directory changes nothing (a venue always has an admin).
    bool apply(const QJsonArray& staff, QString* error);
    // The same inside the caller's transaction, with capture already off (SyncApplier applies a pull page's
    // directory together with its rows, so they commit or roll back as one).
    bool applyWithin(const QJsonArray& staff, QString* error);
    // One account the server just signed in, with a fresh local verifier of the password typed, in one transaction.
    bool storeSignedIn(const QJsonObject& serverRecord, const QString& passwordHash, QString* error);
    // The accounts whose local verifier is the server's own (a registration's import created them from this
    // workstation's verifiers): they take the directory's password version, so applying it keeps their verifiers.
    // One transaction.
    bool adoptPasswordVersions(const QJsonArray& staff, const QStringList& ids, QString* error);
    // The server refused this username's password (401): its local verifier goes at once, so it cannot sign in
    // offline with a password the server no longer takes. One transaction.
    bool dropVerifier(const QString& username, QString* error);
    // Operations left before anyone signed in (staff_id null, not pushed yet) are attributed to this server account,
    // e.g. the one who registers a standalone workstation. One transaction.
    bool attributeUnsignedOperations(const QString& staffId, QString* error);

    // The member of a directory entry (server JSON).
    static core::StaffMember memberFrom(const QJsonObject& entry);

private:
    bool upsert(const QJsonObject& entry, const QString* passwordHash, QString* error);
    bool moveId(const QString& from, const QString& to, QString* error);

    QSqlDatabase m_db;
};

} // namespace foyer::storage
