#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace foyer::server {

class ServerDatabase;

// The venue's staff accounts as the server keeps them: Argon2id password hashes (libsodium crypto_pwhash_str), five
// failed sign-ins in a row lock the account for 15 minutes, disabled accounts cannot sign in.
class StaffAccounts
{
public:
    struct Staff
    {
        QString id;
        QString venueId;
        QString username;
        QString displayName;
        QString email;
        QString role;
        qint64 passwordVersion = 0; // one more each time the password is set
    };
    enum class Outcome
    {
        SignedIn,
        WrongCredentials,
        Locked
    };
    struct SignIn
    {
        Outcome outcome = Outcome::WrongCredentials;
        Staff staff;
    };

    static constexpr int maxFailedAttempts = 5;
    static constexpr int lockMinutes = 15;

    explicit StaffAccounts(ServerDatabase& db)
        : m_db(db)
    {
    }

    // venueId empty: the username is looked up in every venue (and must be unique there).
    SignIn signIn(const QString& venueId, const QString& username, const QByteArray& password);
    std::optional<Staff> find(const QString& venueId, const QString& staffId);
    // False when the old password is wrong.
    bool changePassword(const QString& staffId, const QByteArray& oldPassword, const QByteArray& newPassword);
    // The venue with this name (created, with its ticket signing key, if missing); its id.
    QString ensureVenue(const QString& name);
    // False (with why) when the username is taken in the venue.
    bool createStaff(const QString& venueId, const QString& username, const QString& displayName, const QString& role,
                     const QByteArray& password, QString* error);

    static QString hashPassword(const QByteArray& password);
    static bool verifyPassword(const QByteArray& password, const QString& hash);

private:
    ServerDatabase& m_db;
};

} // namespace foyer::server
