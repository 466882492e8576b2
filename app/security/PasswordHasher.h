#pragma once

#include "SecureBuffer.h"

#include <QString>

namespace foyer::security {

// Argon2id password hashes through libsodium's crypto_pwhash_str: the stored string carries its own salt and cost
// parameters. Passwords arrive in locked memory (core::SecureBuffer, UTF-8) and are never stored, logged or copied.
class PasswordHasher
{
public:
    // Argon2id's work factors; interactive() is what every stored hash uses.
    struct Cost
    {
        unsigned long long opsLimit;
        size_t memLimit; // bytes of memory each hash takes
        static Cost interactive();
    };

    // The encoded hash ("$argon2id$v=19$m=...") or an empty string when hashing failed (out of memory, or a cost
    // libsodium refuses).
    static QString hash(const core::SecureBuffer& password, Cost cost = Cost::interactive());
    static bool verify(const core::SecureBuffer& password, const QString& encodedHash);
    // Whether a password is long enough to accept for a staff account.
    static QString strengthProblem(const core::SecureBuffer& password);
};

} // namespace foyer::security
