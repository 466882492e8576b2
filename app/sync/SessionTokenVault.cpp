#include "SessionTokenVault.h"

namespace foyer::sync {

SessionTokenVault::SessionTokenVault(QString databaseId, security::KeyStore keyStore)
    : m_entry(entryName(databaseId))
    , m_keyStore(std::move(keyStore))
{
}

QString SessionTokenVault::entryName(const QString& databaseId)
{
    return QStringLiteral("server-session:") + databaseId;
}

QByteArray SessionTokenVault::tokenText(const core::SecureBuffer& token)
{
    return QByteArray(token.view().data(), qsizetype(token.size()))
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

security::KeyStore::Result SessionTokenVault::read() const
{
    return m_keyStore.readKey(m_entry);
}

security::KeyStore::Result SessionTokenVault::write(QByteArrayView token) const
{
    return m_keyStore.writeKey(m_entry, token);
}

security::KeyStore::Result SessionTokenVault::forget() const
{
    return m_keyStore.deleteKey(m_entry);
}

} // namespace foyer::sync
