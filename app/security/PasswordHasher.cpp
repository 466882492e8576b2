#include "PasswordHasher.h"

#include <QCoreApplication>
#include <sodium.h>

namespace foyer::security {

namespace {

bool ready()
{
    static const bool initialised = sodium_init() >= 0;
    return initialised;
}

} // namespace

PasswordHasher::Cost PasswordHasher::Cost::interactive()
{
    // INTERACTIVE limits (64 MiB, 2 passes): a sign-in at the window stays well under a second.
    return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

QString PasswordHasher::hash(const core::SecureBuffer& password, Cost cost)
{
    if (!ready())
        return QString();
    char encoded[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(encoded, password.constData(), static_cast<unsigned long long>(password.size()),
                              cost.opsLimit, cost.memLimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return QString();
    return QString::fromLatin1(encoded);
}

bool PasswordHasher::verify(const core::SecureBuffer& password, const QString& encodedHash)
{
    if (!ready() || encodedHash.isEmpty())
        return false;
    const QByteArray stored = encodedHash.toLatin1();
    return crypto_pwhash_str_verify(stored.constData(), password.constData(),
                                    static_cast<unsigned long long>(password.size())) == 0;
}

QString PasswordHasher::strengthProblem(const core::SecureBuffer& password)
{
    // Count characters, not bytes: every UTF-8 byte but a continuation byte (10xxxxxx) starts one.
    qsizetype characters = 0;
    for (qsizetype i = 0; i < password.size(); ++i)
        if ((static_cast<unsigned char>(password.constData()[i]) & 0xC0) != 0x80)
            ++characters;
    if (characters < 10)
        return QCoreApplication::translate("foyer::security::PasswordHasher",
                                           "Use at least 10 characters; a short phrase is easiest to remember.");
    return QString();
}

} // namespace foyer::security
