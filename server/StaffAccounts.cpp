#include "StaffAccounts.h"

#include "DatabaseFailure.h"
#include "ServerDatabase.h"
#include "UuidV7.h"

#include <sodium.h>

namespace foyer::server {

namespace {

const QString staffColumns =
    QStringLiteral("id, venue_id, username, display_name, coalesce(email, ''), role, password_version");

StaffAccounts::Staff staffFrom(const QSqlQuery& q)
{
    return {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),  q.value(3).toString(),
            q.value(4).toString(), q.value(5).toString(), q.value(6).toLongLong()};
}

} // namespace

QString StaffAccounts::hashPassword(const QByteArray& password)
{
    if (sodium_init() < 0)
        return QString();
    char encoded[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(encoded, password.constData(), static_cast<unsigned long long>(password.size()),
                              crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        return QString();
    return QString::fromLatin1(encoded);
}

bool StaffAccounts::verifyPassword(const QByteArray& password, const QString& hash)
{
    if (sodium_init() < 0 || hash.isEmpty())
        return false;
    const QByteArray stored = hash.toLatin1();
    return crypto_pwhash_str_verify(stored.constData(), password.constData(),
                                    static_cast<unsigned long long>(password.size())) == 0;
}

StaffAccounts::SignIn StaffAccounts::signIn(const QString& venueId, const QString& username, const QByteArray& password)
{
    m_db.begin();
    QSqlQuery& q = venueId.isEmpty()
                       ? m_db.run(QStringLiteral("SELECT ") + staffColumns +
                                      QStringLiteral(", password_hash, failed_attempts, "
                                                     "coalesce(locked_until > now(), false), locked_until IS NOT NULL "
                                                     "FROM staff WHERE lower(username) = lower(?) AND NOT disabled "
                                                     "FOR UPDATE"),
                                  {username})
                       : m_db.run(QStringLiteral("SELECT ") + staffColumns +
                                      QStringLiteral(", password_hash, failed_attempts, "
                                                     "coalesce(locked_until > now(), false), locked_until IS NOT NULL "
                                                     "FROM staff WHERE venue_id = ? AND lower(username) = lower(?) "
                                                     "AND NOT disabled FOR UPDATE"),
                                  {venueId, username});
    QList<std::pair<Staff, QString>> found;
    int failed = 0;
    bool locked = false;
    bool lockExpired = false;
    while (q.next()) {
        found.append({staffFrom(q), q.value(7).toString()});
        failed = q.value(8).toInt();
        locked = q.value(9).toBool();
        lockExpired = !locked && q.value(10).toBool();
    }
    if (found.size() != 1) {
        m_db.rollback();
        // The same work as a real check, so a wrong username takes as long as a wrong password.
        verifyPassword(password, QStringLiteral("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$"
                                                "3fQkzAfsTbaLCz0QzYd1V8LzNlKX1bLq5RO1k9p0Dqk"));
        return {};
    }
    const Staff staff = found.first().first;
    if (locked) {
        m_db.rollback();
        return {Outcome::Locked, staff};
    }
    if (lockExpired)
        failed = 0;
    if (!verifyPassword(password, found.first().second)) {
        ++failed;
        const bool lockNow = failed >= maxFailedAttempts;
        m_db.run(QStringLiteral("UPDATE staff SET failed_attempts = ?, locked_until = CASE WHEN ? THEN now() + "
                                "make_interval(mins => ?) ELSE NULL END WHERE id = ?"),
                 {failed, lockNow, lockMinutes, staff.id});
        m_db.commit();
        return {lockNow ? Outcome::Locked : Outcome::WrongCredentials, staff};
    }
    m_db.run(QStringLiteral("UPDATE staff SET failed_attempts = 0, locked_until = NULL WHERE id = ? AND "
                            "(failed_attempts <> 0 OR locked_until IS NOT NULL)"),
             {staff.id});
    m_db.commit();
    return {Outcome::SignedIn, staff};
}

std::optional<StaffAccounts::Staff> StaffAccounts::find(const QString& venueId, const QString& staffId)
{
    QSqlQuery& q = m_db.run(QStringLiteral("SELECT ") + staffColumns +
                                QStringLiteral(" FROM staff WHERE venue_id = ? AND id = ? AND NOT disabled"),
                            {venueId, staffId});
    if (!q.next())
        return std::nullopt;
    return staffFrom(q);
}

bool StaffAccounts::changePassword(const QString& staffId, const QByteArray& oldPassword, const QByteArray& newPassword)
{
    m_db.begin();
    QSqlQuery& q = m_db.run(QStringLiteral("SELECT password_hash FROM staff WHERE id = ? FOR UPDATE"), {staffId});
    if (!q.next() || !verifyPassword(oldPassword, q.value(0).toString())) {
        m_db.rollback();
        return false;
    }
    const QString hash = hashPassword(newPassword);
    if (hash.isEmpty()) {
        m_db.rollback();
        throw DatabaseFailure(QStringLiteral("could not hash the password"));
    }
    m_db.run(QStringLiteral("UPDATE staff SET password_hash = ?, password_version = password_version + 1 WHERE id = ?"),
             {hash, staffId});
    m_db.commit();
    return true;
}

QString StaffAccounts::ensureVenue(const QString& name)
{
    QSqlQuery& q = m_db.run(QStringLiteral("SELECT id FROM venue WHERE name = ?"), {name});
    if (q.next())
        return q.value(0).toString();
    if (sodium_init() < 0)
        throw DatabaseFailure(QStringLiteral("libsodium did not start"));
    unsigned char publicKey[crypto_sign_PUBLICKEYBYTES];
    unsigned char secretKey[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(publicKey, secretKey);
    const QString id = core::UuidV7::generateText();
    m_db.run(QStringLiteral("INSERT INTO venue (id, name, ticket_public_key, ticket_secret_key) VALUES (?, ?, "
                            "decode(?, 'hex'), decode(?, 'hex'))"),
             {id, name,
              QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(publicKey), sizeof publicKey).toHex()),
              QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(secretKey), sizeof secretKey).toHex())});
    sodium_memzero(secretKey, sizeof secretKey);
    return id;
}

bool StaffAccounts::createStaff(const QString& venueId, const QString& username, const QString& displayName,
                                const QString& role, const QByteArray& password, QString* error)
{
    QSqlQuery& q = m_db.run(QStringLiteral("SELECT 1 FROM staff WHERE venue_id = ? AND lower(username) = lower(?)"),
                            {venueId, username});
    if (q.next()) {
        *error = QStringLiteral("The username %1 is already taken in this venue.").arg(username);
        return false;
    }
    const QString hash = hashPassword(password);
    if (hash.isEmpty()) {
        *error = QStringLiteral("The password could not be hashed.");
        return false;
    }
    m_db.run(
        QStringLiteral("INSERT INTO staff (id, venue_id, username, display_name, role, password_hash) VALUES "
                       "(?, ?, ?, ?, ?, ?)"),
        {core::UuidV7::generateText(), venueId, username, displayName.isEmpty() ? username : displayName, role, hash});
    return true;
}

} // namespace foyer::server
