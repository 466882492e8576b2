#pragma once

#include "SecureBuffer.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QString>

namespace foyer::security {

// The one place that talks to the OS keychain (QtKeychain over the Secret Service on Linux).
// Keys are stored as binary secrets under the service "Foyer" and the database's own id. There is no plaintext
// fallback: if the keychain cannot be reached, callers get an error and the database stays closed.
class KeyStore
{
    Q_DECLARE_TR_FUNCTIONS(foyer::security::KeyStore)
public:
    enum class Status
    {
        Ok,
        NotFound,
        Unavailable,  // no Secret Service running, or no backend
        AccessDenied, // locked keychain, or the user refused
        Failed
    };

    struct Result
    {
        Status status = Status::Ok;
        QString message;        // for the user; never contains the key
        core::SecureBuffer key; // locked memory; move it on, never copy it into a QByteArray
        bool ok() const { return status == Status::Ok; }
    };

    static constexpr int KeySize = 32;

    explicit KeyStore(QString service = QStringLiteral("Foyer"));

    // 32 bytes from the operating system's random source (libsodium randombytes), made in locked memory.
    static core::SecureBuffer generateKey();

    Result readKey(const QString& databaseId) const;
    Result writeKey(const QString& databaseId, QByteArrayView key) const;
    Result deleteKey(const QString& databaseId) const;

    // A key being rotated in: written before PRAGMA rekey, so that a crash between the rekey and writing the new key
    // to its real entry cannot lose the only copy.
    static QString pendingEntryName(const QString& databaseId);

private:
    static Result unavailableUnlessBusConnected();

    QString m_service;
};

} // namespace foyer::security
