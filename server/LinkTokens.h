#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace foyer::server {

class ServerDatabase;

// The single-use tokens of the links the server mails (docs/sync-protocol.md, "Links"): 32 random bytes from
// libsodium, base64url, of which PostgreSQL keeps only the BLAKE2b hash, the purpose, the venue, the entity (a
// membership or a recurring donation), when it expires and when it was used. The tokens of one purpose and entity
// are a family: using one uses all of them, so a second copy of an email never makes a second use possible. A token
// is never logged.
class LinkTokens
{
public:
    static inline const QString setPassword = QStringLiteral("member_set_password");
    static inline const QString recurringDonation = QStringLiteral("recurring_donation");

    enum class State
    {
        Valid,
        Unknown, // no such token, or one of another purpose
        Used,
        Expired
    };
    struct Found
    {
        State state = State::Unknown;
        QByteArray hash;
        QString venueId;
        QString entityId;
    };

    explicit LinkTokens(ServerDatabase& db)
        : m_db(db)
    {
    }

    // A fresh token (not stored yet), and the hash PostgreSQL keeps of one.
    static QString generate();
    static QByteArray hashOf(const QString& token);

    // Stores the token's hash; in the caller's transaction. Throws DatabaseFailure.
    void store(const QString& token, const QString& venueId, const QString& purpose, const QString& entityId,
               const QString& emailRequestId, const QDateTime& expiresAt);
    // What the token is, for this purpose; forUpdate locks its row until the caller's transaction ends.
    Found find(const QString& token, const QString& purpose, bool forUpdate);
    // Uses the token's whole family; in the caller's transaction.
    void use(const Found& found, const QString& purpose);

private:
    ServerDatabase& m_db;
};

} // namespace foyer::server
