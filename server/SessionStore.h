#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <optional>

namespace foyer::server {

class ServerDatabase;

// Staff sessions: 32 random bytes (base64url) handed to the workstation; PostgreSQL keeps only their BLAKE2b hash
// and when they expire, so any server process can check any token.
class SessionStore
{
public:
    struct Session
    {
        QByteArray tokenHash;
        QString staffId;
        QString venueId;
        QString workstationId; // empty: not bound to a registered workstation yet
        QString role;
        QString username;
    };
    struct Issued
    {
        QString token;
        QDateTime expiresAt;
    };

    SessionStore(ServerDatabase& db, int lifetimeMinutes)
        : m_db(db)
        , m_lifetimeMinutes(lifetimeMinutes)
    {
    }

    Issued create(const QString& staffId, const QString& venueId, const QString& workstationId);
    // The live session of a token (not expired, its staff member not disabled).
    std::optional<Session> find(const QString& token);
    void end(const QByteArray& tokenHash);
    void bindWorkstation(const QByteArray& tokenHash, const QString& workstationId);

    static QByteArray hashOf(const QString& token);

private:
    ServerDatabase& m_db;
    int m_lifetimeMinutes;
};

} // namespace foyer::server
