#pragma once

#include "MemberImport.h"

#include <QSqlDatabase>
#include <optional>

namespace foyer::storage {

// Writes a member database that passed its dry run: per member the patron (found by email or created), the
// membership with its seat credits and, when the file had a password, its Argon2id hash. All members or none.
class MemberImportRepository
{
public:
    struct Lookups
    {
        QHash<QString, QString> showIds;  // lower-cased title -> id
        QHash<QString, QString> levelIds; // lower-cased name -> id
        QSet<QString> membershipNumbers;  // already held
    };

    explicit MemberImportRepository(QSqlDatabase db);

    // What a dry run checks the file against; none when any of it could not be read (then error says why), so a
    // failed read never passes for "no such show" or "membership number free".
    std::optional<Lookups> lookups(QString* error);
    // passwordHashes: membership number -> Argon2id string, for the members whose row had a password (hashed by the
    // caller through security::PasswordHasher; this layer never sees a password). A member without one gets a
    // single-use "set your password" email queued in the outbox instead. Refuses a report with errors.
    bool import(const core::MemberImport::Report& report, const QHash<QString, QString>& passwordHashes,
                const QString& actorId, int* setPasswordEmails, QString* error);
    // A member's registered details changed: saved, and an email to the venue's membership manager queued.
    bool updateMemberEmail(const QString& membershipNumber, const QString& email, const QString& actorId,
                           QString* error);

private:
    QSqlDatabase m_db;
};

} // namespace foyer::storage
