#pragma once

#include "KeyStore.h"

#include <QByteArray>
#include <QString>

namespace foyer::sync {

// The server session token lives in the OS keychain (through KeyStore), beside the database key, never in a file
// or QSettings. One entry per workstation database.
class SessionTokenVault
{
public:
    explicit SessionTokenVault(QString databaseId, security::KeyStore keyStore = security::KeyStore());

    security::KeyStore::Result read() const;
    security::KeyStore::Result write(QByteArrayView token) const;
    security::KeyStore::Result forget() const;

    static QString entryName(const QString& databaseId);
    // The token as the Authorization header carries it (base64url of the 32 bytes kept in the keychain).
    static QByteArray tokenText(const core::SecureBuffer& token);

private:
    QString m_entry;
    security::KeyStore m_keyStore;
};

} // namespace foyer::sync
