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

// The password's UTF-8 bytes, wiped when the call ends.
class SecretUtf8
{
public:
    explicit SecretUtf8(const QString& text)
        : m_bytes(text.toUtf8())
    {
    }
    ~SecretUtf8() { sodium_memzero(m_bytes.data(), size_t(m_bytes.size())); }
    const char* data() const { return m_bytes.constData(); }
    unsigned long long size() const { return static_cast<unsigned long long>(m_bytes.size()); }

private:
    QByteArray m_bytes;
};

} // namespace

QString PasswordHasher::hash(const QString& password)
{
    if (!ready())
        return QString();
    const SecretUtf8 secret(password);
    char encoded[crypto_pwhash_STRBYTES];
    // INTERACTIVE limits (64 MiB, 2 passes): a sign-in at the window stays well under a second.
    if (crypto_pwhash_str_alg(encoded, secret.data(), secret.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return QString();
    return QString::fromLatin1(encoded);
}

bool PasswordHasher::verify(const QString& password, const QString& encodedHash)
{
    if (!ready() || encodedHash.isEmpty())
        return false;
    const SecretUtf8 secret(password);
    const QByteArray stored = encodedHash.toLatin1();
    return crypto_pwhash_str_verify(stored.constData(), secret.data(), secret.size()) == 0;
}

QString PasswordHasher::strengthProblem(const QString& password)
{
    if (password.size() < 10)
        return QCoreApplication::translate("foyer::security::PasswordHasher",
                                           "Use at least 10 characters; a short phrase is easiest to remember.");
    return QString();
}

} // namespace foyer::security
