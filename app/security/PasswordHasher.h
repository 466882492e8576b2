#pragma once

#include <QByteArray>
#include <QString>

namespace foyer::security {

// Argon2id password hashes through libsodium's crypto_pwhash_str: the stored string carries its own salt and cost
// parameters. Passwords are never stored, logged or kept longer than the call.
class PasswordHasher
{
public:
    // The encoded hash ("$argon2id$v=19$m=...") or an empty string when hashing failed (out of memory).
    static QString hash(const QString& password);
    static bool verify(const QString& password, const QString& encodedHash);
    // Whether a password is long enough to accept for a staff account.
    static QString strengthProblem(const QString& password);
};

} // namespace foyer::security
